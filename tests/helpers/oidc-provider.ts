import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A user at the test provider: the claims it vouches for. */
export interface TestAccount {
  sub: string;
  preferred_username: string;
  roles?: string[];
}

/**
 * An OpenID provider in the test process (oidc-provider), on a free port of 127.0.0.1. It knows
 * one confidential client; its login page logs in whoever `signInAs` names, at once and with
 * consent to the scopes asked for, so a test follows the code flow with plain HTTP redirects.
 */
export class TestOpenIdProvider {
  /** who the next sign-in at the provider is */
  signInAs = '';
  private provider: Provider | null = null;
  private readonly accounts = new Map<string, TestAccount>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  /** Listens first (the issuer URL must be known before the client's redirect URI is), configured by configure(). */
  static async listen(): Promise<TestOpenIdProvider> {
    let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
    const server = createServer((req, res) => handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const p = new TestOpenIdProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    handle = (req, res) => p.handle(req, res);
    return p;
  }

  addAccount(a: TestAccount): void {
    this.accounts.set(a.sub, a);
  }

  configure(client: { clientId: string; clientSecret: string; redirectUri: string }): void {
    const accounts = this.accounts;
    this.provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          // RP-initiated logout returns to the dashboard's start page
          post_logout_redirect_uris: [new URL('/', client.redirectUri).href],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      claims: { openid: ['sub'], profile: ['preferred_username'], roles: ['roles'] },
      scopes: ['openid', 'profile', 'roles'],
      features: { devInteractions: { enabled: false } },
      cookies: { keys: ['stadtpuls-test-provider-cookie-key'] },
      pkce: { required: () => true },
      async findAccount(_ctx, id) {
        const a = accounts.get(id);
        if (!a) return undefined;
        return { accountId: id, claims: async () => ({ ...a }) };
      },
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const provider = this.provider;
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/')) return void this.autoLogin(provider, req, res).catch((err: Error) => res.writeHead(500).end(err.message));
    provider.callback()(req, res);
  }

  /** The provider's login and consent pages, answered at once for `signInAs`. */
  private async autoLogin(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const accountId = this.signInAs;
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A browser's cookies, per origin, enough to follow a sign-in across two servers with fetch. */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.jar.get(new URL(url).origin) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  take(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
  }

  get(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    this.jar.set(origin, (this.jar.get(origin) ?? new Map<string, string>()).set(name, value));
  }
}

/**
 * GET `url` and follow redirects by hand (fetch would drop cookies set on the way); every hop is
 * returned. `stopBefore`: a URL prefix not to request (the last hop's location then points there).
 */
export async function follow(
  url: string,
  jar: CookieJar,
  o: { stopBefore?: string; maxHops?: number } = {},
): Promise<Array<{ url: string; status: number; location: string | null; res: Response }>> {
  const hops: Array<{ url: string; status: number; location: string | null; res: Response }> = [];
  const maxHops = o.maxHops ?? 15;
  let at = url;
  for (let i = 0; i < maxHops; i++) {
    if (o.stopBefore && i > 0 && at.startsWith(o.stopBefore)) return hops;
    const res = await fetch(at, { redirect: 'manual', headers: { cookie: jar.header(at), accept: 'application/json' } });
    jar.take(at, res);
    const location = res.headers.get('location');
    hops.push({ url: at, status: res.status, location, res });
    if (res.status < 300 || res.status >= 400 || !location) return hops;
    at = new URL(location, at).href;
  }
  throw new Error(`more than ${maxHops} redirects from ${url}`);
}
