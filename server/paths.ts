import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute paths of the repo's folders, independent of the working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.join(REPO_ROOT, 'data');
export const SCENARIO_DIR = path.join(REPO_ROOT, 'scenarios');
export const CLIENT_DIST_DIR = path.join(REPO_ROOT, 'dist', 'client');
