import { EventEmitter } from 'node:events';
import type { Response } from 'express';

/**
 * A response whose socket is always full and drains at once, on the next tick: as a client that reads fast drains it
 * within the event loop's poll phase. What a sender writes is kept in `written`, `ended` tells when it ended.
 */
export function drainingResponse() {
  const res = Object.assign(new EventEmitter(), {
    destroyed: false,
    written: [] as string[],
    ended: false,
    type() {
      return res;
    },
    write(chunk: string) {
      res.written.push(chunk);
      process.nextTick(() => res.emit('drain'));
      return false;
    },
    end(chunk?: string) {
      if (chunk) res.written.push(chunk);
      res.ended = true;
    },
  });
  return { res, response: res as unknown as Response };
}

/** Busy for `ms`: a part or slice that takes longer than the senders' slice budget. */
export function busyFor(ms: number): void {
  for (const t = performance.now(); performance.now() - t < ms; );
}
