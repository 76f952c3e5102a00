import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { mapYielding } from './yielding.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('mapYielding', () => {
  it('maps every item in order', async () => {
    expect(await mapYielding([1, 2, 3], (x, i) => x * 10 + i)).toEqual([10, 21, 32]);
    expect(await mapYielding([], (x) => x)).toEqual([]);
  });

  it('lets the event loop run between slices of a long batch', async () => {
    let turns = 0;
    let stop = false;
    const spin = () => {
      if (stop) return;
      turns += 1;
      setImmediate(spin);
    };
    setImmediate(spin);
    // 64 items of 1 ms each with a 4 ms budget: the loop must get its turn several times
    const seenTurns = await mapYielding([...Array(64).keys()], () => {
      busy(1);
      return turns;
    }, 4);
    stop = true;
    expect(seenTurns[0]).toBe(0);
    expect(seenTurns[63]).toBeGreaterThanOrEqual(3);
  });

  it('does not yield for a batch that fits in one slice', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    await mapYielding([...Array(1000).keys()], (x) => x + 1, 1000);
    expect(turned).toBe(false);
  });
});
