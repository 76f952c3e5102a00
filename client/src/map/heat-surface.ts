import { lonLatToLocalKm } from '../../../common/geo.js';
import { WeightsCache } from '../../../common/models/idw-weights.js';
import { insideRings } from '../../../common/models/heat-anomaly.js';
import type { Bounds } from '../../../common/geo-bounds.js';
import { heatCellPaint } from './heat-colors.js';
import { enlargedSurface, ringCoverage, type SurfacePixels } from './surface-raster.js';
import type { HeatMode } from './layers/layer-context.js';

type Ring = ReadonlyArray<readonly [number, number]>;

/** Cells across the surface: about 190 m per cell over Bochum, smooth enough at city zoom and cheap to redraw. */
const WIDTH = 96;
const MASK_SCALE = 6;
/** Cells across the city for its area mean (about 500 m), as the anomaly mode subtracts it. */
const MEAN_COLS = 48;

/**
 * What a surface is drawn from: the stations as lon/lat pairs and their values in the same order, NaN for
 * a station without a current value. Every station is given, with a value or not, so that the stations (and
 * the cells' nearest ones) stay the same from surface to surface while readings come and go.
 */
export interface SurfaceInput {
  lonLat: ArrayLike<number>;
  values: Float64Array;
  bounds: Bounds;
  mode: HeatMode;
}

/** Stations' planar positions as x, y pairs in the frame of `refLat`. */
export function planarPositions(lonLat: ArrayLike<number>, refLat: number): Float64Array {
  const out = new Float64Array(lonLat.length);
  for (let i = 0; i < lonLat.length; i += 2) {
    const p = lonLatToLocalKm(lonLat[i], lonLat[i + 1], refLat);
    out[i] = p.x;
    out[i + 1] = p.y;
  }
  return out;
}

/**
 * The heat surface's arithmetic, without a canvas: the IDW field over a grid covering `bounds` and the
 * city's area mean of it. The stations seldom move (a SCALE city's never): each cell's nearest stations
 * are found once (WeightsCache) and kept while they stay. A cell weighs those of them that have a value
 * (PointWeights.atPresent); with every value present that is the plain IDW, to the bit.
 */
export class HeatField {
  private readonly cellWeights = new WeightsCache();
  private readonly meanWeights = new WeightsCache();
  private meanCells: { rings: ReadonlyArray<Ring>; bounds: Bounds; cells: Float64Array } | null = null;

  constructor(private readonly rings: ReadonlyArray<Ring>) {}

  /** How often the cells' nearest stations were searched (a test's window on the cache). */
  get weightsBuilt(): number {
    return this.cellWeights.built + this.meanWeights.built;
  }

  /**
   * The field's cells (row-major from the north-west; NaN where no nearby station has a value) and its mean
   * over the city's cells that have one; null when no station has a value.
   */
  compute(input: SurfaceInput): { width: number; height: number; field: Float64Array; mean: number } | null {
    if (!input.values.some((v) => v === v)) return null;
    const [w, s, e, n] = input.bounds;
    const refLat = (s + n) / 2;
    const kmW = lonLatToLocalKm(e, refLat, refLat).x - lonLatToLocalKm(w, refLat, refLat).x;
    const kmH = lonLatToLocalKm(w, n, refLat).y - lonLatToLocalKm(w, s, refLat).y;
    const height = Math.round((WIDTH * kmH) / kmW);
    const cells = new Float64Array(WIDTH * height * 2);
    for (let row = 0; row < height; row++) {
      const lat = n - ((row + 0.5) / height) * (n - s);
      for (let col = 0; col < WIDTH; col++) {
        const p = lonLatToLocalKm(w + ((col + 0.5) / WIDTH) * (e - w), lat, refLat);
        cells[2 * (row * WIDTH + col)] = p.x;
        cells[2 * (row * WIDTH + col) + 1] = p.y;
      }
    }
    // Full IDW for a real city's few stations (the same figures); the nearest 32 for SCALE's thousands.
    const stations = planarPositions(input.lonLat, refLat);
    const at = this.cellWeights.get(stations, cells);
    const field = new Float64Array(WIDTH * height);
    for (let c = 0; c < field.length; c++) field[c] = at.atPresent(input.values, c);
    // the same planar frame, so the mean is that of the field drawn (cityMeanOfField in heat-anomaly.ts)
    const meanCells = this.cityCells(input.bounds, refLat);
    const meanAt = this.meanWeights.get(stations, meanCells);
    let sum = 0;
    let counted = 0;
    for (let c = 0; c < meanCells.length / 2; c++) {
      const v = meanAt.atPresent(input.values, c);
      if (v !== v) continue;
      sum += v;
      counted++;
    }
    return { width: WIDTH, height, field, mean: counted === 0 ? NaN : sum / counted };
  }

  private cityCells(bounds: Bounds, refLat: number): Float64Array {
    if (this.meanCells?.bounds.every((b, i) => b === bounds[i])) return this.meanCells.cells;
    const [w, s, e, n] = bounds;
    const cells: number[] = [];
    const rows = Math.round((MEAN_COLS * (n - s) * 1.6) / (e - w));
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < MEAN_COLS; c++) {
        const lon = w + ((c + 0.5) / MEAN_COLS) * (e - w);
        const lat = s + ((r + 0.5) / rows) * (n - s);
        if (!insideRings(this.rings, lon, lat)) continue;
        const p = lonLatToLocalKm(lon, lat, refLat);
        cells.push(p.x, p.y);
      }
    }
    this.meanCells = { rings: this.rings, bounds, cells: Float64Array.from(cells) };
    return this.meanCells.cells;
  }
}

/** The field's cells as RGBA pixels in the mode's colours; a cell without a value stays clear. */
export function fieldPixels(field: Float64Array, mode: HeatMode, mean: number): Uint8ClampedArray<ArrayBuffer> {
  const { colorOf, alphaOf } = heatCellPaint(mode, mean);
  const rgba = new Uint8ClampedArray(field.length * 4);
  for (let c = 0; c < field.length; c++) {
    if (field[c] !== field[c]) continue;
    const [r, g, b] = colorOf(field[c]);
    rgba[4 * c] = r;
    rgba[4 * c + 1] = g;
    rgba[4 * c + 2] = b;
    rgba[4 * c + 3] = alphaOf(field[c]);
  }
  return rgba;
}

/** The city's outline at a surface's enlarged size: the same rings, bounds and size for every surface of a city. */
let outline: { rings: ReadonlyArray<Ring>; bounds: Bounds; width: number; height: number; coverage: Uint8Array } | null = null;

/**
 * The field's pixels as an image covering `bounds`, enlarged with smoothing and clipped to the city boundary
 * at the enlarged resolution so its edge stays crisp, as raw pixels for a deck.gl BitmapLayer.
 * It runs in the heat surface's worker (heat-surface.worker.ts).
 */
export function surfaceImage(pixels: Uint8ClampedArray, width: number, height: number, bounds: Bounds, clipRings: ReadonlyArray<Ring>): SurfacePixels {
  const [W, H] = [width * MASK_SCALE, height * MASK_SCALE];
  if (!(outline && outline.rings === clipRings && outline.width === W && outline.height === H && outline.bounds.every((b, i) => b === bounds[i]))) {
    outline = { rings: clipRings, bounds, width: W, height: H, coverage: ringCoverage(clipRings, bounds, W, H) };
  }
  return enlargedSurface(pixels, width, height, MASK_SCALE, outline.coverage);
}
