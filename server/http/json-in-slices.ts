import type { Response } from 'express';
import { sendTextInParts } from './text-in-parts.js';

/** Items of the long array serialised per slice: 2,000 GeoJSON features took 10-20 ms to make, stringify and write. */
export const ITEMS_PER_SLICE = 1000;

/** What a list's items are, whether it is an array, another iterable or an async iterable. */
type ItemOf<L> = L extends Iterable<infer I> ? I : L extends AsyncIterable<infer I> ? I : never;

/**
 * The JSON text of `value` (the text of `JSON.stringify(value)`) in parts: its long list `key` serialised a slice of
 * items at a time, as the parts are taken. With `itemOf`, each item is written as `itemOf(item)`, made as its slice
 * is (not all of them first). `key` may hold any iterable (a generator) or async iterable (items read from a store
 * as they are written): it is written as the array of its items.
 */
export async function* jsonSlices<T extends object, K extends keyof T & string>(
  value: T,
  key: K,
  itemOf?: (item: ItemOf<T[K]>) => unknown,
): AsyncGenerator<string> {
  const items = value[key];
  if (!isListLike(items)) {
    yield JSON.stringify(value);
    return;
  }
  // the list's place in the text, marked by a string no value contains
  const mark = `\u0000slices-${Math.random().toString(36).slice(2)}`;
  const text = JSON.stringify({ ...value, [key]: mark });
  const quoted = JSON.stringify(mark);
  const at = text.indexOf(quoted);
  yield `${text.slice(0, at)}[`;
  // a sync list is taken without a microtask per item (100,000 entries of /api/state)
  const sync = Symbol.iterator in items;
  const taken = sync ? items[Symbol.iterator]() : items[Symbol.asyncIterator]();
  let done = false;
  try {
    for (let first = true; ; first = false) {
      const part: unknown[] = [];
      while (part.length < ITEMS_PER_SLICE) {
        const next = sync ? (taken as Iterator<unknown>).next() : await taken.next();
        if (next.done) {
          done = true;
          break;
        }
        part.push(itemOf ? itemOf(next.value as never) : next.value);
      }
      if (part.length === 0) break;
      yield `${first ? '' : ','}${JSON.stringify(part).slice(1, -1)}`;
    }
  } finally {
    // the writing stopped early (a client that has gone): the list's own making stops too (a store's pages)
    if (!done) await taken.return?.();
  }
  yield `]${text.slice(at + quoted.length)}`;
}

/**
 * Sends `value` as JSON, the same text as `res.json(value)`, a slice of its long list `key` at a time (jsonSlices),
 * yielding to the event loop between slices and waiting for the socket when it is full. The past state of a
 * SCALE=100000 city is 100,000 entries, 24 MB: one JSON.stringify and write held the loop 150 ms per request, and a
 * planner dragging the time cursor asks again and again; a kind's GeoJSON export is as large.
 */
export function sendJsonInSlices<T extends object, K extends keyof T & string>(
  res: Response,
  value: T,
  key: K,
  type = 'application/json',
  itemOf?: (item: ItemOf<T[K]>) => unknown,
): Promise<void> {
  return sendTextInParts(res, type, jsonSlices(value, key, itemOf));
}

/** An array, another iterable or an async iterable to write as one, not a string (iterable too, but written as a string). */
function isListLike(v: unknown): v is Iterable<unknown> | AsyncIterable<unknown> {
  return Array.isArray(v) || (typeof v === 'object' && v !== null && (Symbol.iterator in v || Symbol.asyncIterator in v));
}
