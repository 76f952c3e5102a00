import { pino, type DestinationStream, type Logger } from 'pino';
import { redactText } from './redact.js';

export type { Logger };

/** Request and response headers that carry credentials, wherever a log object holds them. */
const SECRET_HEADERS = ['authorization', 'x-api-key', 'cookie', 'set-cookie', 'proxy-authorization'];
const REDACT_PATHS = ['req.headers', 'res.headers', 'headers', '*.headers', 'request.headers'].flatMap((at) => SECRET_HEADERS.map((h) => `${at}["${h}"]`));

/**
 * The server's logger. Header secrets are censored by path; any URL with credentials or a query, and
 * any `api_key=…`-like pair, is redacted in the finished line (so also inside error messages and
 * stack traces), whatever logged it. `destination` is for tests that read the lines.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'stadtpuls' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: { streamWrite: redactText },
  };
  return destination ? pino(options, destination) : pino(options);
}
