import type { Response } from 'express';
import { sliceYielder } from '../ingest/yielding.js';

/** Characters gathered before a write: fewer, larger writes than one per part (a sensor's rows may be one line). */
const WRITE_CHARS = 64 * 1024;

/**
 * Sends text made a part at a time (or its UTF-8 bytes, as they come) (a CSV file's rows, sensor by sensor), yielding to the event loop every few ms
 * and waiting for the socket when it is full: a SCALE city's climate CSV, made and sent in one piece, held the loop
 * 310-410 ms. The parts are made as they are taken, so an iterable that makes them (a generator, also an async one that
 * reads a store as it goes) is sliced as well.
 */
export async function sendTextInParts(res: Response, type: string, parts: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  res.type(type);
  const breathe = sliceYielder();
  let pending = '';
  for await (const part of parts) {
    if (res.destroyed) return;
    if (typeof part !== 'string') {
      // bytes made elsewhere (the CSV export thread) go out as they are, after the text before them
      if (pending.length > 0) res.write(pending);
      pending = '';
      if (!res.write(part)) await roomOrClose(res);
    } else pending += part;
    if (pending.length >= WRITE_CHARS) {
      const room = res.write(pending);
      pending = '';
      if (!room) await roomOrClose(res);
    }
    // also after a drain: a client that reads fast drains the socket within the loop's poll phase, and the next part
    // was made from there, part after part, while no timer ran (a 75,000-feature export held them 550-630 ms)
    await breathe();
  }
  res.end(pending);
}

/** Resolves when the socket takes writes again or the client has gone. */
function roomOrClose(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
