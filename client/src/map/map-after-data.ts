import { useEffect, useState } from 'react';
import { FIRST_DATA_WAIT_MS } from './first-layers.js';

interface DataSource {
  subscribe: (listener: () => void) => () => void;
  /** the city instant shown; null before any data */
  view: () => { cityNow: () => number | null };
}

interface Timers {
  setTimeout: (f: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  requestAnimationFrame: (f: () => void) => number;
  cancelAnimationFrame: (id: number) => void;
}

/**
 * Calls `stand` once, when the shown city first has data or `waitMs` after the call, whichever is first; returns
 * what cancels it. With data it stands after the page's next frame, so that frame shows the data's figures (the KPI
 * tiles) before the map's first frame, which under software rendering holds the page for seconds.
 *
 * Why the map waits: under software rendering (SwiftShader, a wall PC without a GPU driver, this project's test
 * machine) a map that stands first spends seconds of both cores and of the page's thread compiling its GPU programs.
 * At SCALE=100000 the live stream's handshake and the server's snapshot then waited behind it: the snapshot came
 * 5.5 s after opening instead of 1.7 s, and the first data on screen 8-10 s after instead of 6.8 (docs/scale.md).
 * A city without data (a feed down, the link cut) still gets its map after `waitMs`.
 */
export function whenFirstData(source: DataSource, stand: () => void, waitMs = FIRST_DATA_WAIT_MS, timers: Timers = window): () => void {
  let done = false;
  let frame = 0;
  let afterFrame = 0;
  const stop = () => {
    done = true;
    off();
    timers.clearTimeout(timer);
    timers.cancelAnimationFrame(frame);
    timers.clearTimeout(afterFrame);
  };
  const once = () => {
    if (done) return;
    stop();
    stand();
  };
  const check = () => {
    if (done || frame !== 0 || source.view().cityNow() === null) return;
    // a task queued from the frame's callback runs once that frame is painted
    frame = timers.requestAnimationFrame(() => (afterFrame = timers.setTimeout(once, 0)));
  };
  const off = source.subscribe(check);
  const timer = timers.setTimeout(once, waitMs);
  check();
  return stop;
}

/** Whether the map may stand: once `ready` (its city model is here), from the first data on or after the wait (`whenFirstData`). */
export function useMapAfterFirstData(source: DataSource, ready: boolean): boolean {
  const [stands, setStands] = useState(false);
  useEffect(() => (ready && !stands ? whenFirstData(source, () => setStands(true)) : undefined), [source, ready, stands]);
  return stands;
}
