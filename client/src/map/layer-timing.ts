import { Layer } from '@deck.gl/core';

/** deck.gl's per-layer steps timed when a bench asks for it (bench/browser-scale.bench.ts, BENCH_LAYERS). */
const STEPS = ['_initialize', '_update', '_transferState', '_drawLayer', '_finalize'] as const;

/**
 * When the page was opened with `window.__stadtpulsLayerTimes` set (an object), adds each layer step's
 * milliseconds and calls to it under `step:layerId`, to see which layer a frame's time goes to. Does nothing
 * otherwise: the steps stay deck.gl's own functions.
 */
export function timeLayerStepsForBench(): void {
  const times = (window as unknown as { __stadtpulsLayerTimes?: Record<string, [number, number]> }).__stadtpulsLayerTimes;
  if (!times) return;
  const proto = Layer.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const step of STEPS) {
    const original = proto[step];
    proto[step] = function (this: { id: string }, ...args: unknown[]) {
      const started = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const entry = (times[`${step}:${this.id}`] ??= [0, 0]);
        entry[0] += performance.now() - started;
        entry[1] += 1;
      }
    };
  }
}
