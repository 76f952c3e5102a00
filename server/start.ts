import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_DIST_DIR, REPO_ROOT } from './paths.js';

/**
 * `npm start`: builds the client when the build is missing or older than its sources,
 * then runs the server. Saves a minute of bundling on every restart of an unchanged checkout.
 */
function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((max, name) => Math.max(max, newestMtime(path.join(target, name))), 0);
}

const builtIndex = path.join(CLIENT_DIST_DIR, 'index.html');
const sources = ['client', 'common', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(REPO_ROOT, p)).filter(existsSync);
const stale = !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;

if (stale) {
  console.log('Building the client (vite build)…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import('./main.js');
