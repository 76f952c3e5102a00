import { createStadtpuls, type Stadtpuls } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createLogger, type Logger } from '../../server/logger.js';

/**
 * Starts a real Stadtpuls server on a free port of 127.0.0.1 with the given environment overrides.
 * `opts.logger` replaces the silent default, e.g. to read what the server logs.
 */
export async function startTestServer(env: Record<string, string> = {}, opts: { logger?: Logger } = {}): Promise<{ server: Stadtpuls; url: string }> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const server = createStadtpuls(config, { logger: opts.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') });
  const url = await server.start();
  return { server, url };
}
