import { Router, type Request, type Response } from 'express';
import * as oidc from 'openid-client';
import type { Logger } from '../logger.js';
import type { AuditLog } from './audit-log.js';
import type { Authenticator } from './authenticator.js';
import { cookieValue, SESSION_COOKIE, sessionCookieOptions } from './cookies.js';
import { OIDC_CALLBACK_PATH, type OidcConfig } from './oidc-config.js';
import { claimAt, identityFromClaims } from './oidc-roles.js';
import { loginLimiter } from './rate-limits.js';

/** Holds state, nonce and PKCE verifier between the redirect to the provider and its answer. */
const FLOW_COOKIE = 'stadtpuls_oidc';
/** The ID token of a single sign-on session, kept for logout at the provider (its `id_token_hint`). */
const ID_TOKEN_COOKIE = 'stadtpuls_oidc_id';
const ID_TOKEN_PATH = '/api/auth/';
const FLOW_PATH = '/api/auth/oidc/';
const FLOW_TTL_MS = 10 * 60_000;
const PROVIDER_TIMEOUT_S = 10;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcLoginDeps {
  config: OidcConfig;
  authenticator: Authenticator;
  audit: AuditLog;
  log: Logger;
  loginLimit: { maxFailures: number; windowMs: number };
  now?: () => number;
}

export interface OidcSignIn {
  /** GET /login and /callback, mounted at /api/auth/oidc */
  routes: Router;
  /**
   * At logout: where to send the browser so the provider ends its session too (RP-initiated logout),
   * or null for a session that did not come from the provider, or a provider without an end-session endpoint.
   */
  providerLogout(req: Request, res: Response): Promise<string | null>;
}

/**
 * Single sign-on (authorization code flow with PKCE, state and nonce, openid-client):
 * GET /api/auth/oidc/login redirects to the provider; GET /api/auth/oidc/callback takes its answer,
 * maps the claims to a role (oidc-roles.ts) and ends in the same session cookie as a password login.
 * The provider's metadata is fetched on the first login (and again after a failure), so a provider
 * that is down does not stop the server from starting.
 */
export function oidcSignIn(d: OidcLoginDeps): OidcSignIn {
  const r = Router();
  const now = d.now ?? Date.now;
  let discovered: Promise<oidc.Configuration> | null = null;

  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(d.config.issuer, d.config.clientId, { client_secret: d.config.clientSecret }, oidc.ClientSecretBasic(d.config.clientSecret), {
        timeout: PROVIDER_TIMEOUT_S,
        // plain http is accepted only for a provider on localhost (checked in oidc-config.ts)
        execute: d.config.issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  };

  /** the callback URL the provider was given: configured, or this server's own origin */
  const redirectUri = (req: Request): string => d.config.redirectUrl ?? `${req.protocol}://${req.get('host')}${OIDC_CALLBACK_PATH}`;

  const flowCookieOptions = (req: Request) => ({
    httpOnly: true,
    // Lax, not Strict: the provider's redirect back is a cross-site navigation, and a Strict cookie would not come with it.
    sameSite: 'lax' as const,
    secure: req.secure,
    path: FLOW_PATH,
  });

  const refuse = async (req: Request, res: Response, status: number, error: string, detail: string, audit: { actor?: string; reason: string }) => {
    await d.audit.record({ actor: audit.actor ?? 'anonymous', action: 'login_failed', ip: req.ip ?? null, detail: { method: 'oidc', reason: audit.reason } });
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    answer(res, status, error, detail);
  };

  r.get('/login', async (req, res) => {
    let config: oidc.Configuration;
    try {
      config = await configuration();
    } catch (err) {
      d.log.warn({ err, issuer: d.config.issuer.href }, 'the OpenID provider cannot be reached');
      answer(res, 502, 'sso_unavailable', `the city's sign-in service (${d.config.issuer.host}) cannot be reached; try again or log in with a password`);
      return;
    }
    const flow: Flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(req),
      scope: d.config.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    });
    res.cookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), { ...flowCookieOptions(req), maxAge: FLOW_TTL_MS });
    res.set('Cache-Control', 'no-store').redirect(303, url.href);
  });

  r.get('/callback', loginLimiter(d.loginLimit), async (req, res, next) => {
    try {
      const flow = readFlow(cookieValue(req.headers.cookie, FLOW_COOKIE));
      if (!flow) {
        await refuse(req, res, 400, 'sso_failed', 'no sign-in was started from this browser, or it took longer than 10 minutes: start again', { reason: 'no_flow' });
        return;
      }
      const config = await configuration();
      const current = new URL(redirectUri(req));
      current.search = new URL(req.originalUrl, 'http://x').search;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      } catch (err) {
        const { status, detail, reason } = grantRefusal(err);
        d.log.warn({ err: { name: (err as Error).name, message: (err as Error).message, code: (err as { code?: string }).code } }, 'single sign-on refused');
        await refuse(req, res, status, 'sso_failed', detail, { reason });
        return;
      }
      let claims: Record<string, unknown> = { ...tokens.claims() };
      // Some providers put roles and names only in userinfo (Keycloak without an ID-token mapper, oidc-provider by default).
      const missing = claimAt(claims, d.config.roleClaim) === undefined || claimAt(claims, d.config.nameClaim) === undefined;
      if (missing && config.serverMetadata().userinfo_endpoint && typeof claims.sub === 'string') {
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
      }
      const who = identityFromClaims(claims, d.config);
      if (!who.ok) {
        const actor = typeof claimAt(claims, d.config.nameClaim) === 'string' ? String(claimAt(claims, d.config.nameClaim)).slice(0, 100) : 'anonymous';
        if (who.reason === 'no_role') await d.authenticator.endSsoSessions(actor);
        await refuse(req, res, 403, 'forbidden', who.detail, { actor, reason: who.reason });
        return;
      }
      const session = await d.authenticator.ssoLogin(who.name, who.role);
      if (!session) {
        await refuse(req, res, 403, 'forbidden', `${who.name} is a local account with a password here; it cannot be taken over by single sign-on`, { actor: who.name, reason: 'local_account' });
        return;
      }
      res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
      res.cookie(SESSION_COOKIE, session.secret, sessionCookieOptions(req, session.expiresAt - now()));
      if (tokens.id_token) res.cookie(ID_TOKEN_COOKIE, tokens.id_token, { ...sessionCookieOptions(req, session.expiresAt - now()), path: ID_TOKEN_PATH });
      await d.audit.record({ actor: session.name, role: session.role, action: 'login', ip: req.ip ?? null, detail: { method: 'oidc', issuer: d.config.issuer.href } });
      res.set('Cache-Control', 'no-store').redirect(303, '/');
    } catch (err) {
      next(err);
    }
  });

  const providerLogout = async (req: Request, res: Response): Promise<string | null> => {
    const idToken = cookieValue(req.headers.cookie, ID_TOKEN_COOKIE);
    if (!idToken) return null;
    res.clearCookie(ID_TOKEN_COOKIE, { path: ID_TOKEN_PATH });
    try {
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      // back to the dashboard's start page: the provider accepts it only if registered for the client
      const home = new URL('/', d.config.redirectUrl ?? `${req.protocol}://${req.get('host')}`).href;
      return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: home }).href;
    } catch (err) {
      // the Stadtpuls session is over either way; the provider's may outlive it
      d.log.warn({ err, issuer: d.config.issuer.href }, 'logout at the OpenID provider is not possible: it cannot be reached');
      return null;
    }
  };

  return { routes: r, providerLogout };
}

/** `{ error, detail }` as everywhere in the API; to a browser that asks for HTML (a person mid sign-in), a page with the way back. */
function answer(res: Response, status: number, error: string, detail: string): void {
  res.status(status).set('Cache-Control', 'no-store');
  res.format({
    json: () => res.json({ error, detail }),
    html: () => res.type('html').send(refusalPage(detail)),
    default: () => res.json({ error, detail }),
  });
}

function readFlow(raw: string | undefined): Flow | null {
  if (!raw) return null;
  try {
    const f = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Flow>;
    return typeof f.state === 'string' && typeof f.nonce === 'string' && typeof f.verifier === 'string' ? (f as Flow) : null;
  } catch {
    return null;
  }
}

/** What the browser is told when the code exchange fails: the provider's refusal, or an answer that does not fit this browser's sign-in. */
function grantRefusal(err: unknown): { status: number; detail: string; reason: string } {
  if (err instanceof oidc.AuthorizationResponseError) {
    return { status: 401, detail: `the sign-in service refused: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`, reason: `provider_${err.error}` };
  }
  const message = err instanceof Error ? err.message : String(err);
  // openid-client says "invalid response encountered"; what was invalid is in its cause
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
  if (/"state"/.test(cause)) return { status: 400, detail: 'the sign-in answer does not belong to the sign-in this browser started (state): start again', reason: 'state_mismatch' };
  if (/"nonce"/.test(cause)) return { status: 400, detail: 'the ID token does not belong to the sign-in this browser started (nonce): start again', reason: 'nonce_mismatch' };
  if (err instanceof oidc.ResponseBodyError) return { status: 401, detail: `the sign-in service refused the code: ${err.error}`, reason: `token_${err.error}` };
  return { status: 502, detail: `the sign-in answer could not be checked: ${message.slice(0, 200)}${cause ? ` (${cause.slice(0, 200)})` : ''}`, reason: 'grant_failed' };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function refusalPage(detail: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Stadtpuls: Anmeldung nicht möglich</title></head><body>
<h1>Anmeldung nicht möglich · Sign-in failed</h1><p>${escapeHtml(detail)}</p><p><a href="/">Zurück zu Stadtpuls · Back to Stadtpuls</a></p></body></html>`;
}
