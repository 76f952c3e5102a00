import type { SurfaceInput } from './heat-surface.js';
import type { SurfacePixels } from './surface-raster.js';

type Ring = ReadonlyArray<readonly [number, number]>;

/** Main thread → heat surface worker: draw this (the city's boundary only when it is new to the worker). */
export interface SurfaceRequest {
  seq: number;
  input: SurfaceInput;
  rings?: ReadonlyArray<Ring>;
}

/** Worker → main thread: the drawn surface (null without stations) and the city mean it was coloured with. */
export interface SurfaceAnswer {
  seq: number;
  image: SurfacePixels | null;
  mean: number;
}
