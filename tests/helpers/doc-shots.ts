import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../server/paths.js';

/**
 * Where a browser test saves a picture that docs/ and the README show. Normally test-results/docs/:
 * a run on a loaded CI box or with a half-finished build must not overwrite the pictures people read.
 * `DOCS_SHOTS=1` writes into docs/ itself, for a deliberate refresh that someone then looks at.
 */
export function docShot(name: string): string {
  const dir = process.env.DOCS_SHOTS === '1' ? path.join(REPO_ROOT, 'docs') : path.join(REPO_ROOT, 'test-results', 'docs');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
