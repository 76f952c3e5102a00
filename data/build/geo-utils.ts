import * as turf from '@turf/turf';
import { splitCsvLine } from '../../server/importers/csv-line.js';
import type { Feature, FeatureCollection, Geometry, LineString, Position } from 'geojson';

export type LonLat = [number, number];

/** 5 decimals ≈ 1 m: finer than any source we derive from, and keeps the files small. */
export function round5(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  // -0 would serialise differently from 0 and break byte-for-byte reproducibility
  return r === 0 ? 0 : r;
}

export function roundPoint(p: Position): LonLat {
  return [round5(p[0]), round5(p[1])];
}

/** Rounds a line and drops the vertices that rounding made identical. */
export function roundLine(coords: Position[]): LonLat[] {
  const out: LonLat[] = [];
  for (const p of coords) {
    const r = roundPoint(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
  }
  return out;
}

export function roundRing(coords: Position[]): LonLat[] {
  const out = roundLine(coords);
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}

// Great-circle lengths (turf, spherical earth) for the lengths written into data/: the city model keeps
// them so it rebuilds byte-for-byte; common/geo.ts is the flat-earth frame for everything computed live.
export function lengthM(coords: Position[]): number {
  return turf.length(turf.lineString(coords), { units: 'kilometers' }) * 1000;
}

export function distanceM(a: Position, b: Position): number {
  return turf.distance(a, b, { units: 'kilometers' }) * 1000;
}

// Synthetic choices are identical on every run: the same seeded PRNG as the simulator.
export { seededRandom } from '../../common/seeded-random.js';

/** ASCII ids that stay readable for German names (Süd → sued, Straße → strasse). */
export function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Minimal RFC 4180 reader; the reference CSVs quote fields but never embed newlines in them. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const [head, ...rows] = lines;
  const keys = splitCsvLine(head);
  return rows.map((row) => {
    const cells = splitCsvLine(row);
    const rec: Record<string, string> = {};
    keys.forEach((k, i) => (rec[k] = cells[i] ?? ''));
    return rec;
  });
}

/**
 * One feature per line: diffs stay readable when the city model is rebuilt,
 * at a fraction of the size of fully indented JSON.
 */
export function featureCollectionToText(fc: FeatureCollection, meta?: Record<string, unknown>): string {
  const head = { type: 'FeatureCollection', ...(meta ?? {}) };
  const headJson = JSON.stringify(head);
  const features = fc.features.map((f) => '    ' + JSON.stringify(f)).join(',\n');
  return `${headJson.slice(0, -1)},\n  "features": [\n${features}\n  ]\n}\n`;
}

export function lineFeature<P>(coords: Position[], properties: P, id?: string): Feature<LineString, P> {
  const f: Feature<LineString, P> = { type: 'Feature', properties, geometry: { type: 'LineString', coordinates: coords } };
  if (id !== undefined) return { type: 'Feature', id, properties, geometry: f.geometry };
  return f;
}

export function collection<G extends Geometry, P>(features: Feature<G, P>[]): FeatureCollection<G, P> {
  return { type: 'FeatureCollection', features };
}
