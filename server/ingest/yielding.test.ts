import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { forEachYielding, mapYielding, nextTurn, runStepsYielding } from './yielding.js';

const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** Counts the event loop's turns (a setImmediate that sets itself again) until stopped. */
function countLoopTurns() {
  let turns = 0;
  let stopped = false;
  const spin = () => {
    if (stopped) return;
    turns += 1;
    setImmediate(spin);
  };
  setImmediate(spin);
  return { turns: () => turns, stop: () => void (stopped = true) };
}

describe('mapYielding', () => {
  it('maps every item in order', async () => {
    expect(await mapYielding([1, 2, 3], (x, i) => x * 10 + i)).toEqual([10, 21, 32]);
    expect(await mapYielding([], (x) => x)).toEqual([]);
  });

  it('lets the event loop run between slices of a long batch', async () => {
    const loop = countLoopTurns();
    // 64 items of 1 ms each with a 4 ms budget: the loop must get its turn several times
    const seenTurns = await mapYielding([...Array(64).keys()], () => {
      busy(1);
      return loop.turns();
    }, 4);
    loop.stop();
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

describe('forEachYielding', () => {
  it('calls fn for every item in order and says how many there were', async () => {
    const seen: number[] = [];
    expect(await forEachYielding([3, 1, 2], (x) => void seen.push(x))).toBe(3);
    expect(seen).toEqual([3, 1, 2]);
    expect(await forEachYielding([], () => {})).toBe(0);
  });

  it('takes items from a generator as it goes, letting the event loop run between slices of making and handling them', async () => {
    const loop = countLoopTurns();
    const madeAtTurn: number[] = [];
    function* make() {
      for (let i = 0; i < 64; i++) {
        madeAtTurn.push(loop.turns());
        busy(1);
        yield i;
      }
    }
    const handled: number[] = [];
    await forEachYielding(make(), (i) => void handled.push(i), 4);
    loop.stop();
    expect(handled).toEqual([...Array(64).keys()]);
    // the last items were made after several turns of the loop, not all before the first was handled
    expect(madeAtTurn[0]).toBe(0);
    expect(madeAtTurn[63]).toBeGreaterThanOrEqual(3);
  });
});

describe('runStepsYielding', () => {
  function* steps(n: number, eachMs: number, seen: number[], loop: { turns: () => number }): Generator<void, string, void> {
    for (let i = 0; i < n; i++) {
      busy(eachMs);
      seen.push(loop.turns());
      yield;
    }
    return 'done';
  }

  it("returns the steps' result, letting the event loop run between slices", async () => {
    const loop = countLoopTurns();
    const seen: number[] = [];
    // 32 steps of 1 ms with a 4 ms budget: several turns in between
    expect(await runStepsYielding(steps(32, 1, seen, loop), 4)).toBe('done');
    loop.stop();
    expect(seen[0]).toBe(0);
    expect(seen[31]).toBeGreaterThanOrEqual(3);
  });

  it('runs steps that fit in one slice without yielding', async () => {
    const loop = countLoopTurns();
    const seen: number[] = [];
    expect(await runStepsYielding(steps(8, 0, seen, loop), 1000)).toBe('done');
    loop.stop();
    expect(seen.every((t) => t === 0)).toBe(true);
  });
});

describe('nextTurn', () => {
  it('lets one waiter go per turn of the event loop, so what else is due runs between two slices', async () => {
    const log: string[] = [];
    const a = nextTurn().then(() => log.push('slice of a'));
    const b = nextTurn().then(() => log.push('slice of b'));
    const c = nextTurn().then(() => log.push('slice of c'));
    // queued after the three: with one setImmediate per waiter it ran after all three slices
    setImmediate(() => log.push('socket'));
    await Promise.all([a, b, c]);
    expect(log).toEqual(['slice of a', 'socket', 'slice of b', 'slice of c']);
  });

  it('releases waiters that come while others wait, in the order they came', async () => {
    const log: number[] = [];
    const all = [nextTurn().then(() => log.push(1)), nextTurn().then(() => log.push(2))];
    await all[0];
    all.push(nextTurn().then(() => log.push(3)));
    await Promise.all(all);
    expect(log).toEqual([1, 2, 3]);
  });
});
