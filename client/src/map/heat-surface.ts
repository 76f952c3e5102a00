import { lonLatToLocalKm } from '../../../common/geo.js';
import { WeightsCache } from '../../../common/models/idw-weights.js';
import type { Rgb } from './colors.js';

import type { Bounds } from '../../../common/geo-bounds.js';
type Ring = ReadonlyArray<readonly [number, number]>;

/** Cells across the surface: about 190 m per cell over Bochum, smooth enough at city zoom and cheap to redraw. */
const WIDTH = 96;
const MASK_SCALE = 6;

/** The surface's stations seldom move (a SCALE city's never): each cell's nearest stations are found once. */
const weights = new WeightsCache();

/** Stations' planar positions as x, y pairs in the frame of `refLat`. */
export function planarPositions(stations: ReadonlyArray<{ lon: number; lat: number }>, refLat: number): Float64Array {
  const out = new Float64Array(stations.length * 2);
  stations.forEach((st, i) => {
    const p = lonLatToLocalKm(st.lon, st.lat, refLat);
    out[2 * i] = p.x;
    out[2 * i + 1] = p.y;
  });
  return out;
}

/**
 * Draws the interpolated heat-stress field into a canvas covering `bounds`, clipped to the city
 * boundary, for a deck.gl BitmapLayer. Returns null without stations.
 */
export function renderHeatSurface(
  stations: ReadonlyArray<{ lon: number; lat: number; value: number }>,
  bounds: Bounds,
  clipRings: ReadonlyArray<Ring>,
  colorOf: (value: number) => Rgb,
  alphaOf: (value: number) => number,
): HTMLCanvasElement | null {
  if (stations.length === 0) return null;
  const [w, s, e, n] = bounds;
  const refLat = (s + n) / 2;
  const kmW = lonLatToLocalKm(e, refLat, refLat).x - lonLatToLocalKm(w, refLat, refLat).x;
  const kmH = lonLatToLocalKm(w, n, refLat).y - lonLatToLocalKm(w, s, refLat).y;
  const height = Math.round((WIDTH * kmH) / kmW);
  // Full IDW for a real city's few stations (the same figures); the nearest 32 for SCALE's thousands.
  const cells = new Float64Array(WIDTH * height * 2);
  for (let row = 0; row < height; row++) {
    const lat = n - ((row + 0.5) / height) * (n - s);
    for (let col = 0; col < WIDTH; col++) {
      const p = lonLatToLocalKm(w + ((col + 0.5) / WIDTH) * (e - w), lat, refLat);
      cells[2 * (row * WIDTH + col)] = p.x;
      cells[2 * (row * WIDTH + col) + 1] = p.y;
    }
  }
  const at = weights.get(planarPositions(stations, refLat), cells);
  const values = Float64Array.from(stations, (st) => st.value);

  const field = document.createElement('canvas');
  field.width = WIDTH;
  field.height = height;
  const fieldCtx = field.getContext('2d')!;
  const image = fieldCtx.createImageData(WIDTH, height);
  for (let c = 0; c < WIDTH * height; c++) {
    const value = at.at(values, c);
    const [r, g, b] = colorOf(value);
    const i = c * 4;
    image.data[i] = r;
    image.data[i + 1] = g;
    image.data[i + 2] = b;
    image.data[i + 3] = alphaOf(value);
  }
  fieldCtx.putImageData(image, 0, 0);

  // Upscale with smoothing, then cut out the city at the higher resolution so its edge stays crisp.
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH * MASK_SCALE;
  canvas.height = height * MASK_SCALE;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(field, 0, 0, canvas.width, canvas.height);
  ctx.globalCompositeOperation = 'destination-in';
  ctx.beginPath();
  for (const ring of clipRings) {
    ring.forEach(([lon, lat], i) => {
      const x = ((lon - w) / (e - w)) * canvas.width;
      const y = ((n - lat) / (n - s)) * canvas.height;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.closePath();
  }
  ctx.fillStyle = '#000';
  ctx.fill('evenodd');
  return canvas;
}
