import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { formatZodError } from '../common/zod-error.js';

/** Issues named in the message; a wholly wrong file would otherwise produce a page-long line. */
const ISSUES_SHOWN = 5;

/**
 * Reads and validates a JSON file the server or the data build depends on (registry, road graph,
 * scenarios, feed maps, recorded series). A broken file is a deployment error: this throws with
 * what the file is, its path and the first problems named, so start-up stops with a clear reason
 * rather than running on half a city.
 */
export function readJsonFile<T extends z.ZodType>(file: string, schema: T, what: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${what} ${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${what} ${file} is invalid: ${formatZodError(parsed.error, { whole: '(file)', limit: ISSUES_SHOWN })}`);
  return parsed.data;
}
