/**
 * How long the map's first layers wait for the first live data (the snapshot, or the past state the address asks for).
 *
 * Under software rendering (SwiftShader, as on this project's test machine and many a wall PC without a driver)
 * the first frame that uses a GPU program compiles it: the first frame of the city took 4.7 s, nearly all of
 * it that compilation. Layers built before the data came without the layers that only data brings (the heat
 * surface, SCALE's aggregation grid), so the frame with data compiled again: 2.6 s more (trace of GPU process,
 * SCALE=100000). Waiting a moment for the data, which comes about as fast as the city model, compiles once.
 */
export const FIRST_DATA_WAIT_MS = 4000;

/** Whether the map should hold its first layers back: none built yet, no data yet, and not waited too long. */
export function holdFirstLayers(o: { built: boolean; hasData: boolean; waitedMs: number }): boolean {
  return !o.built && !o.hasData && o.waitedMs < FIRST_DATA_WAIT_MS;
}
