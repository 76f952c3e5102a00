// The heat surface off the main thread: at SCALE its thousands of stations made each redraw tens of ms of
// the page's script and half of what it allocated (bench/browser-scale, issue 13).
import { HeatField, fieldPixels, surfaceImage } from './heat-surface.js';
import type { SurfaceAnswer, SurfaceRequest } from './heat-surface-protocol.js';

let rings: NonNullable<SurfaceRequest['rings']> = [];
let field = new HeatField(rings);

// typed with the DOM's self (the project has one lib set); a dedicated worker's postMessage takes the same options
self.onmessage = ({ data }: MessageEvent<SurfaceRequest>) => {
  if (data.rings) {
    rings = data.rings;
    field = new HeatField(rings);
  }
  const computed = field.compute(data.input);
  const image = computed && surfaceImage(fieldPixels(computed.field, data.input.mode, computed.mean), computed.width, computed.height, data.input.bounds, rings);
  const answer: SurfaceAnswer = { seq: data.seq, image, mean: computed?.mean ?? NaN };
  self.postMessage(answer, { transfer: image ? [image.data.buffer] : [] });
};
