import { createLogger, type Logger } from '../../server/logger.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/**
 * A logger that keeps its lines in memory, so a test can check what the server logged. It is the
 * server's own logger (same redaction) with an in-memory destination.
 */
export function captureLogs(level = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines };
}
