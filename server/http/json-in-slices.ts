import type { Response } from 'express';
import { sliceYielder } from '../ingest/yielding.js';
import { roomOrClose } from './write-room.js';

/** Items of the long array serialised per write: 1,000 GeoJSON features take 5-10 ms to make, stringify and write. */
export const ITEMS_PER_SLICE = 1000;

/**
 * Sends `value` as JSON, the same text as `res.json(value)`, with its long array `key` serialised a slice of items
 * at a time, yielding to the event loop between slices and waiting for the socket when it is full. The past state
 * of a SCALE=100000 city is 100,000 entries, 24 MB: one JSON.stringify and write held the loop 150 ms per request,
 * and a planner dragging the time cursor asks again and again; a kind's GeoJSON export is as large. With `itemOf`,
 * each item is written as `itemOf(item)`, made as its slice is written (not all of them first).
 */
export async function sendJsonInSlices<T extends object, K extends keyof T & string>(
  res: Response,
  value: T,
  key: K,
  type = 'application/json',
  itemOf?: (item: T[K] extends ReadonlyArray<infer I> ? I : never) => unknown,
): Promise<void> {
  const items = value[key];
  if (!Array.isArray(items)) {
    res.type(type).send(JSON.stringify(value));
    return;
  }
  // the array's place in the text, marked by a string no value contains
  const mark = `\u0000slices-${Math.random().toString(36).slice(2)}`;
  const text = JSON.stringify({ ...value, [key]: mark });
  const at = text.indexOf(JSON.stringify(mark));
  res.type(type);
  res.write(`${text.slice(0, at)}[`);
  const breathe = sliceYielder();
  for (let i = 0; i < items.length && !res.destroyed; i += ITEMS_PER_SLICE) {
    const part = items.slice(i, i + ITEMS_PER_SLICE);
    const slice = JSON.stringify(itemOf ? part.map((item) => itemOf(item)) : part);
    const room = res.write(`${i > 0 ? ',' : ''}${slice.slice(1, -1)}`);
    if (!room) await roomOrClose(res);
    // also after a drain: a client that reads fast drains the socket within the loop's poll phase, and the next slice
    // ran from there, slice after slice, while no timer ran (a 75,000-feature export held them 550-630 ms)
    await breathe();
  }
  res.end(`]${text.slice(at + JSON.stringify(mark).length)}`);
}
