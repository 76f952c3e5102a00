import { performance } from 'node:perf_hooks';
import type { Steps } from '../../common/steps.js';

/** How long one slice of batch work may hold the event loop before it lets timers, sockets and ticks run. */
export const SLICE_BUDGET_MS = 8;

/** Items between two looks at the clock: a look costs about as much as a cheap item. */
const CLOCK_STRIDE = 16;

/** Waiters for a turn of the event loop, released one per turn (nextTurn). */
const waiting: Array<() => void> = [];

function releaseOne(): void {
  const next = waiting.shift();
  if (waiting.length > 0) setImmediate(releaseOne);
  next?.();
}

/**
 * Resolves on a later turn of the event loop, one caller per turn: timers, sockets and ticks run between two
 * slices. With setImmediate alone, the slices of every job that yielded in one turn (a JSON snapshot being
 * written, a catch-up, the heat surface, a REST export) ran back to back in the next one, a stall of their sum.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) setImmediate(releaseOne);
  });
}

/**
 * Maps a large array in slices of about `budgetMs`, yielding to the event loop (setImmediate) between
 * them, so a batch of thousands of items never blocks the server for longer than one slice.
 */
export async function mapYielding<T, R>(items: readonly T[], fn: (item: T, index: number) => R, budgetMs = SLICE_BUDGET_MS): Promise<R[]> {
  const out = new Array<R>(items.length);
  let i = 0;
  await forEachYielding(items, (item) => {
    out[i] = fn(item, i);
    i += 1;
  }, budgetMs);
  return out;
}

/**
 * Calls `fn` for every item of an iterable in slices of about `budgetMs`, yielding between them, like
 * mapYielding: for items made as they are taken (a generator), so making them is sliced as well.
 * Returns how many items there were.
 */
export async function forEachYielding<T>(items: Iterable<T>, fn: (item: T) => void, budgetMs = SLICE_BUDGET_MS): Promise<number> {
  let sliceStart = performance.now();
  let n = 0;
  for (const item of items) {
    fn(item);
    n += 1;
    if (n % CLOCK_STRIDE === 0 && performance.now() - sliceStart > budgetMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return n;
}

/**
 * For a loop of awaited steps (a store read per sensor): the function returned resolves at once while the slice
 * lasts and on the event loop's next turn once `budgetMs` has passed since the last turn. An awaited promise that is
 * already settled only runs the microtasks, so thousands of such steps would otherwise hold the loop as one.
 */
export function sliceYielder(budgetMs = SLICE_BUDGET_MS): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < budgetMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}

/** Runs a generator's steps (common/steps.ts: a columnar encoding's, the JSON text of many sensors) in slices of about `budgetMs`, yielding between them; its result. */
export async function runStepsYielding<R>(steps: Steps<R>, budgetMs = SLICE_BUDGET_MS): Promise<R> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart > budgetMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
