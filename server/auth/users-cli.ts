/**
 * `npm run users -- <command>`: users and tokens in the configured store (STADTPULS_DB or DATABASE_URL,
 * as the server would open it). Every change is on the audit log with the actor `cli`.
 *
 *   add <name> --role viewer|wall|planner|operator|admin [--password-stdin]
 *   passwd <name> [--password-stdin]
 *   remove <name>
 *   list
 *   token create --scope wall|ingest --name <name>
 *   token revoke <id or name>
 *   token list
 *
 * Passwords are read from a prompt without echo, or with --password-stdin from the first line of stdin
 * (for scripts); never from the command line, where they would land in the shell history.
 */
import { createInterface } from 'node:readline';
import { roleSchema, tokenScopeSchema } from '../../common/auth.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createHistoryStore } from '../store/store-config.js';
import { AccessAdmin, AccessError } from './access-admin.js';
import { AuditLog } from './audit-log.js';
import { AuthStore } from './auth-store.js';

const USAGE = `usage: npm run users -- add <name> --role <viewer|wall|planner|operator|admin> [--password-stdin]
                     passwd <name> [--password-stdin]
                     remove <name>
                     list
                     token create --scope <wall|ingest> --name <name>
                     token revoke <id or name>
                     token list`;

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return v;
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    throw new UsageError('no password on stdin');
  }
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
      // No echo: the prompt is written once, typed characters are not.
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stdout.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('password: ');
  if ((await ask('again: ')) !== first) throw new UsageError('the passwords differ');
  return first;
}

const iso = (t: number | null) => (t === null ? '—' : new Date(t).toISOString());

async function run(args: string[], admin: AccessAdmin, store: AuthStore): Promise<void> {
  const [command, ...rest] = args;
  const name = rest[0] !== undefined && !rest[0].startsWith('--') ? rest[0] : undefined;
  switch (command) {
    case 'add': {
      if (!name) throw new UsageError('add needs a user name');
      const role = roleSchema.safeParse(option(rest, '--role'));
      if (!role.success) throw new UsageError('add needs --role viewer|wall|planner|operator|admin');
      await admin.addUser(name, role.data, await readPassword(rest.includes('--password-stdin')));
      console.log(`user ${name} added with role ${role.data}`);
      return;
    }
    case 'passwd':
      if (!name) throw new UsageError('passwd needs a user name');
      await admin.setPassword(name, await readPassword(rest.includes('--password-stdin')));
      console.log(`password of ${name} changed; their sessions are logged out`);
      return;
    case 'remove':
      if (!name) throw new UsageError('remove needs a user name');
      await admin.removeUser(name);
      console.log(`user ${name} removed`);
      return;
    case 'list':
      for (const u of await store.users()) console.log(`${u.name}\t${u.role}\t${u.passwordHash ? 'password' : 'no password'}\tsince ${iso(u.createdAt)}`);
      return;
    case 'token':
      return runToken(rest, admin, store);
    default:
      throw new UsageError(command === undefined ? 'no command' : `unknown command ${command}`);
  }
}

async function runToken(args: string[], admin: AccessAdmin, store: AuthStore): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case 'create': {
      const scope = tokenScopeSchema.safeParse(option(rest, '--scope'));
      if (!scope.success) throw new UsageError('token create needs --scope wall|ingest');
      const name = option(rest, '--name');
      if (!name) throw new UsageError('token create needs --name');
      const { id, secret } = await admin.createToken(scope.data, name);
      console.log(`token ${id} (${scope.data}, "${name}") created. It is shown only now:\n\n  ${secret}\n`);
      if (scope.data === 'wall') console.log(`Open the wall once at  https://<your host>/?wall=1&token=${secret}\nThe server sets a cookie and removes the token from the address.`);
      else console.log('Send it as  Authorization: Bearer <token>  with POST /api/ingest.');
      return;
    }
    case 'revoke': {
      if (!rest[0]) throw new UsageError('token revoke needs a token id or name');
      console.log(`token ${await admin.revokeToken(rest[0])} revoked; the sessions it opened are ended`);
      return;
    }
    case 'list':
      for (const t of await store.tokens()) {
        console.log(`${t.id}\t${t.scope}\t${t.name}\tcreated ${iso(t.createdAt)} by ${t.createdBy}\tlast used ${iso(t.lastUsedAt)}\t${t.revokedAt === null ? 'active' : `revoked ${iso(t.revokedAt)}`}`);
      }
      return;
    default:
      throw new UsageError(`unknown token command ${command ?? ''}`);
  }
}

async function main(): Promise<number> {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const history = await createHistoryStore(config.store);
  try {
    const store = AuthStore.of(history);
    await run(process.argv.slice(2), new AccessAdmin(store, new AuditLog(() => store, log), 'cli'), store);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof AccessError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  } finally {
    await history.close();
  }
}

process.exitCode = await main();
