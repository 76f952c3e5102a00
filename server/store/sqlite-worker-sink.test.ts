import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import type { HistoryWriteBatch, SeriesSample, StoredEvent } from './history-store.js';
import { splitBatch } from './sqlite-worker-sink.js';

// Stand-ins: splitBatch only slices the lists, so their items' contents do not matter.
const entries = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ tag: `${tag}${i}` }) as unknown as LiveEntry);
const texts = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
const samples = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}` }) as unknown as SeriesSample);
const events = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `v${i}` }) as unknown as StoredEvent);
const batch = (e: number, t: number, s: number, v: number): HistoryWriteBatch => ({ entries: entries(e, 'e'), entryTexts: texts(t), samples: samples(s), events: events(v) });
const sizes = (b: HistoryWriteBatch) => [b.entries.length, b.entryTexts?.length ?? 0, b.samples.length, b.events.length];
/** every item of the parts in order, as one list, to compare with the batch's */
const flat = (b: HistoryWriteBatch) => [...b.entries, ...(b.entryTexts ?? []), ...b.samples, ...b.events];

describe('splitBatch: a batch in parts of at most n items, in order, none lost or repeated', () => {
  it.each([
    { name: 'small enough: the batch itself', b: batch(2, 1, 1, 1), n: 5, parts: [[2, 1, 1, 1]] },
    { name: 'entries only', b: batch(7, 0, 0, 0), n: 3, parts: [[3, 0, 0, 0], [3, 0, 0, 0], [1, 0, 0, 0]] },
    { name: 'texts only (a SCALE city\'s first report)', b: batch(0, 5, 0, 0), n: 2, parts: [[0, 2, 0, 0], [0, 2, 0, 0], [0, 1, 0, 0]] },
    { name: 'a part across the lists', b: batch(2, 2, 2, 2), n: 3, parts: [[2, 1, 0, 0], [0, 1, 2, 0], [0, 0, 0, 2]] },
    { name: 'exactly two parts', b: batch(1, 1, 1, 1), n: 2, parts: [[1, 1, 0, 0], [0, 0, 1, 1]] },
  ])('$name', ({ b, n, parts }) => {
    const got = splitBatch(b, n);
    expect(got.map(sizes)).toEqual(parts);
    expect(got.flatMap(flat)).toEqual(flat(b));
  });

  it('takes a batch without texts (every other writer of a batch)', () => {
    const b: HistoryWriteBatch = { entries: entries(3, 'e'), samples: samples(1), events: [] };
    expect(splitBatch(b, 2).flatMap(flat)).toEqual(flat(b));
  });
});
