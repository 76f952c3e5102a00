import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countArrayItems } from './batch-size.js';

const count = (text: string, limit = Infinity) => countArrayItems(Buffer.from(text), limit);

describe('countArrayItems', () => {
  it.each([
    ['[]', 0],
    ['  [ ]  ', 0],
    ['[0]', 1],
    ['[0,0,0]', 3],
    ['[{"a":[1,2,3]},"x,y",[[],{}]]', 3],
    ['["\\"],[", "\\\\", "ä,😀"]', 3],
    ['\n\t[1,\n 2]', 2],
  ])('%s has %i items', (text, n) => {
    expect(count(text)).toBe(n);
  });

  it.each(['{}', '"[1,2]"', '0', '', '\ufeff[1]'])('%j is not an array', (text) => {
    expect(count(text)).toBeNull();
  });

  it('stops counting past the limit', () => {
    const zeros = `[${Array(524_287).fill('0').join(',')}]`;
    expect(count(zeros, 5000)).toBe(5001);
    expect(count('[0,0,0]', 3)).toBe(3);
    expect(count('[0,0,0,0]', 3)).toBe(4);
  });

  it('agrees with JSON.parse on any JSON array, compact or indented', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 30 }), fc.boolean(), (items, indent) => {
        const text = JSON.stringify(items, null, indent ? 2 : undefined);
        expect(count(text)).toBe(items.length);
        expect(count(text, 10)! > 10).toBe(items.length > 10);
      }),
      { numRuns: 500 },
    );
  });
});
