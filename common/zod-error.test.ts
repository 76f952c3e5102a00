import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatZodError } from './zod-error.js';

const lot = z.object({ id: z.string().min(1), places: z.array(z.object({ free: z.number().int().min(0) })) });

function refusal(schema: z.ZodType, value: unknown): z.ZodError {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return parsed.error;
}

describe('formatZodError', () => {
  it('names each issue by its dotted path, issues separated by "; "', () => {
    const error = refusal(lot, { id: '', places: [{ free: 3 }, { free: -1 }] });
    expect(formatZodError(error)).toBe(`id: ${error.issues[0].message}; places.1.free: ${error.issues[1].message}`);
    expect(error.issues).toHaveLength(2);
  });

  it('calls an issue about the whole value by the name the caller gives it', () => {
    const error = refusal(lot, 'not an object');
    expect(formatZodError(error, { whole: '(file)' })).toMatch(/^\(file\): /);
    expect(formatZodError(error)).toMatch(/^\(value\): /);
  });

  it('spells out at most `limit` issues and counts the rest', () => {
    const error = refusal(z.array(z.number()), ['a', 'b', 'c', 'd']);
    const line = formatZodError(error, { limit: 2 });
    expect(line.split('; ')).toEqual([expect.stringMatching(/^0: /), expect.stringMatching(/^1: /), '… and 2 more']);
  });

  it('copes with a symbol in a path', () => {
    const key = Symbol('key');
    expect(formatZodError({ issues: [{ path: ['a', key], message: 'bad' }] })).toBe('a.Symbol(key): bad');
  });

  it('is empty for no issues', () => {
    expect(formatZodError({ issues: [] })).toBe('');
  });
});
