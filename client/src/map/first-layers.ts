import type { Layer } from '@deck.gl/core';

/**
 * How long the map waits for the first live data (the snapshot, or the past state the address asks for) before it
 * stands without it (map-after-data.ts).
 *
 * Under software rendering (SwiftShader, as on this project's test machine and a wall PC without a GPU driver)
 * the first frame that uses a GPU program pays for it: in a trace of the GPU process at SCALE=100000 the map's
 * first frame, drawn before the data, took 4.7 s and the frames after it 0.1-0.7 s, and the first frame with
 * data, which brought the layers only data brings (the heat surface, SCALE's aggregation grid), 2.6 s again.
 * Waiting a moment for the data, which comes about as fast as the city model, pays once.
 */
export const FIRST_DATA_WAIT_MS = 4000;

/**
 * The layers the map will draw, built from the city before any data and hidden: deck.gl initialises a hidden
 * layer (its buffers, its GPU program compiled and linked) but draws nothing, so the programs are ready while
 * the page waits for the snapshot instead of after it (a profile of the page at SCALE=100000: about 1 s of the
 * first frame with data went to linking them). The first frame with data finds the same layer ids and only
 * updates them.
 */
export function hiddenBeforeData(layers: ReadonlyArray<Layer | null | false | undefined>): Layer[] {
  return layers.filter((l): l is Layer => !!l).map((l) => l.clone({ visible: false, pickable: false }));
}

/**
 * What a map standing without data draws: the layers it can show (the city, its sensors marked without a value),
 * followed by the ones only data brings, hidden (`hiddenBeforeData`), so their programs are ready when it comes.
 * The drawing order is the shown layers' own; a hidden twin takes its place in it once the data makes it one of them.
 */
export function shownWithHiddenTwins(shown: ReadonlyArray<Layer | null | false | undefined>, beforeData: ReadonlyArray<Layer | null | false | undefined>): Layer[] {
  const drawn = shown.filter((l): l is Layer => !!l);
  const ids = new Set(drawn.map((l) => l.id));
  return [...drawn, ...hiddenBeforeData(beforeData.filter((l) => l && !ids.has(l.id)))];
}
