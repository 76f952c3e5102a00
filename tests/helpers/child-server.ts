import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** every line the server logged, for the failure message of a test */
  log: string[];
}

/**
 * Runs server/main.ts as its own process (node with the tsx loader), as `npm start` would, and
 * resolves with its URL from the "Stadtpuls is running" log line. For tests that kill the process.
 */
export function startChildServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${log.slice(-20).join('\n')}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was running (code ${code}, signal ${signal}):\n${log.slice(-20).join('\n')}`));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => log.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      log.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Stadtpuls is running' && entry.url) {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve({ url: entry.url, process: child, log });
        }
      } catch {
        // not a log line of pino's: kept in `log` all the same
      }
    });
  });
}

/** Sends a signal and resolves once the process has exited. */
export function stopChildServer(server: ChildServer, signal: NodeJS.Signals): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill(signal);
  });
}
