import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStadtpuls, type Stadtpuls } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';
import { TEST_ADMIN_PASSWORD } from './auth-session.js';

/** A history store file of its own for each test server, so parallel test files never share one. */
export function freshStoreFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'stadtpuls-test-')), 'history.sqlite');
}

/**
 * Starts a real Stadtpuls server on a free port of 127.0.0.1 with the given environment overrides.
 * `opts.logger` replaces the silent default, e.g. to read what the server logs. TEST_CLIENT_DIR serves a
 * client built elsewhere (`vite build --outDir …`) instead of dist/client, which others may be rebuilding.
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { logger?: Logger } = {}): Promise<{ server: Stadtpuls; url: string }> {
  // A known admin password, so tests log in (tests/helpers/auth-session.ts) instead of weakening the rules.
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STADTPULS_DB: freshStoreFile(), ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...env });
  const server = createStadtpuls(config, { logger: opts.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), clientDir: process.env.TEST_CLIENT_DIR });
  const url = await server.start();
  return { server, url };
}
