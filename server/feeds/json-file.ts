import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads and validates one of the feed maps in data/devices/ at start-up. A broken map is a deployment
 * error: the server refuses to start with the file and the first problems named, rather than drop
 * every message of that feed later.
 */
export function readJsonFile<T extends z.ZodType>(file: string, schema: T, what: string): z.infer<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${what} ${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`${what} ${file} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
