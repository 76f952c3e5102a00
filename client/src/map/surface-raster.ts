import type { Bounds } from '../../../common/geo-bounds.js';

type Ring = ReadonlyArray<readonly [number, number]>;

/** RGBA rows from the top (north), not premultiplied: an ImageData's parts, which a worker's answer carries. */
export interface SurfacePixels {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/** Sub-rows per pixel row when measuring how much of a pixel lies inside the rings (across a row it is exact). */
const SUB_ROWS = 4;

/**
 * How much of each pixel of a `width`×`height` raster over `bounds` (row 0 at the north) lies inside the rings,
 * taken together even-odd as a canvas fills them, 0–255. Computed in script: the worker's OffscreenCanvas
 * path fill and smoothing went through the GPU process, which under software rendering took 0.15–0.4 s a
 * surface and 3.3 s for the first (issue 13).
 */
export function ringCoverage(rings: ReadonlyArray<Ring>, bounds: Bounds, width: number, height: number): Uint8Array {
  const [w, s, e, n] = bounds;
  const out = new Uint8Array(width * height);
  const acc = new Float64Array(width);
  const xs: number[] = [];
  for (let row = 0; row < height; row++) {
    acc.fill(0);
    for (let sub = 0; sub < SUB_ROWS; sub++) {
      const lat = n - ((row + (sub + 0.5) / SUB_ROWS) / height) * (n - s);
      xs.length = 0;
      for (const ring of rings) {
        for (let i = 0; i < ring.length; i++) {
          const [lonA, latA] = ring[i];
          const [lonB, latB] = ring[(i + 1) % ring.length];
          if (latA <= lat === latB <= lat) continue;
          const lon = lonA + ((lat - latA) / (latB - latA)) * (lonB - lonA);
          xs.push(((lon - w) / (e - w)) * width);
        }
      }
      xs.sort((a, b) => a - b);
      for (let i = 0; i + 1 < xs.length; i += 2) addSpan(acc, Math.max(0, xs[i]), Math.min(width, xs[i + 1]));
    }
    for (let col = 0; col < width; col++) out[row * width + col] = Math.round((255 * acc[col]) / SUB_ROWS);
  }
  return out;
}

/** Adds the part of each pixel that the span [x0, x1) covers. */
function addSpan(acc: Float64Array, x0: number, x1: number): void {
  if (x1 <= x0) return;
  const p0 = Math.floor(x0);
  const p1 = Math.floor(x1);
  if (p0 === p1) {
    acc[p0] += x1 - x0;
    return;
  }
  acc[p0] += p0 + 1 - x0;
  for (let p = p0 + 1; p < p1; p++) acc[p] += 1;
  if (p1 < acc.length) acc[p1] += x1 - p1;
}

/** Per output column (or row): the two source cells it lies between and the weight of the second, pixel centres aligned. */
function taps(outLength: number, inLength: number): { lo: Int32Array; hi: Int32Array; f: Float64Array } {
  const lo = new Int32Array(outLength);
  const hi = new Int32Array(outLength);
  const f = new Float64Array(outLength);
  for (let o = 0; o < outLength; o++) {
    const x = Math.min(inLength - 1, Math.max(0, ((o + 0.5) * inLength) / outLength - 0.5));
    lo[o] = Math.floor(x);
    hi[o] = Math.min(inLength - 1, lo[o] + 1);
    f[o] = x - lo[o];
  }
  return { lo, hi, f };
}

/**
 * The cells' RGBA (`width`×`height`) enlarged `scale` times with bilinear smoothing, in premultiplied colour as a
 * canvas smooths (a clear cell does not darken its neighbours), each pixel's alpha then times `coverage` (ringCoverage
 * at the enlarged size), so the city's edge stays crisp at the finer resolution.
 */
export function enlargedSurface(rgba: ArrayLike<number>, width: number, height: number, scale: number, coverage: Uint8Array): SurfacePixels {
  const cells = width * height;
  const pre = new Float64Array(cells * 4);
  for (let c = 0; c < cells; c++) {
    const a = rgba[4 * c + 3] / 255;
    pre[4 * c] = rgba[4 * c] * a;
    pre[4 * c + 1] = rgba[4 * c + 1] * a;
    pre[4 * c + 2] = rgba[4 * c + 2] * a;
    pre[4 * c + 3] = rgba[4 * c + 3];
  }
  const W = width * scale;
  const H = height * scale;
  const cols = taps(W, width);
  const rows = taps(H, height);
  const data = new Uint8ClampedArray(W * H * 4);
  const px = [0, 0, 0, 0];
  for (let y = 0; y < H; y++) {
    const r0 = rows.lo[y] * width;
    const r1 = rows.hi[y] * width;
    const fy = rows.f[y];
    for (let x = 0; x < W; x++) {
      const cover = coverage[y * W + x];
      if (cover === 0) continue;
      const fx = cols.f[x];
      const [a, b, c, d] = [4 * (r0 + cols.lo[x]), 4 * (r0 + cols.hi[x]), 4 * (r1 + cols.lo[x]), 4 * (r1 + cols.hi[x])];
      for (let ch = 0; ch < 4; ch++) {
        const top = pre[a + ch] + (pre[b + ch] - pre[a + ch]) * fx;
        const bottom = pre[c + ch] + (pre[d + ch] - pre[c + ch]) * fx;
        px[ch] = top + (bottom - top) * fy;
      }
      const alpha = px[3];
      if (alpha <= 0) continue;
      const o = 4 * (y * W + x);
      data[o] = Math.round((px[0] * 255) / alpha);
      data[o + 1] = Math.round((px[1] * 255) / alpha);
      data[o + 2] = Math.round((px[2] * 255) / alpha);
      data[o + 3] = Math.round((alpha * cover) / 255);
    }
  }
  return { width: W, height: H, data };
}
