import { z } from 'zod';
import { distanceM, offsetLonLat, type LonLat } from './geo.js';

/**
 * A heat-adaptation plan: measures a planner draws on the map (or takes from the city's planting
 * register). The shapes are shared by the what-if computation (common/models/heat-plan.ts), the
 * client's drawing tools, the URL and the GeoJSON export; the physics is in models/heat-measures.ts.
 */

export const MEASURE_TYPES = ['trees', 'shade', 'green', 'water'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(lonLat).min(3).max(500);
const id = z.string().regex(/^[A-Za-z0-9_.:-]{1,60}$/);

export const measureSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('trees'),
    id,
    /** the street the trees line: one point (a group around it) or a polyline (spread evenly along it) */
    line: z.array(lonLat).min(1).max(500),
    count: z.number().int().min(1).max(2000),
    crownDiameterM: z.number().min(3).max(20),
    /** where it came from when not drawn (the planting register's street) */
    label: z.string().max(120).optional(),
  }),
  z.strictObject({ type: z.literal('shade'), id, polygon: ring }),
  z.strictObject({ type: z.literal('green'), id, polygon: ring }),
  z.strictObject({ type: z.literal('water'), id, at: lonLat, radiusM: z.number().min(1).max(100) }),
]);
export type Measure = z.infer<typeof measureSchema>;
export type TreeLine = Extract<Measure, { type: 'trees' }>;

export const planSchema = z.array(measureSchema).max(5000);

/** Default crown of a young-to-mature street tree, m (the register gives no crown sizes). */
export const DEFAULT_CROWN_DIAMETER_M = 8;
/** Gap between crowns of a tree group placed around one register point, m. */
const GROUP_GAP_M = 2;

/**
 * Where the trees of a tree line stand: `count` trees evenly along the polyline, the first and the
 * last at its ends (one tree: at the middle). A single point stands for a street the register
 * names by one coordinate: the trees stand in a compact group around it, crown beside crown.
 */
export function treePositions(m: TreeLine): Array<[number, number]> {
  const { line, count } = m;
  if (line.length === 1) {
    const cols = Math.ceil(Math.sqrt(count));
    const rows = Math.ceil(count / cols);
    const step = m.crownDiameterM + GROUP_GAP_M;
    const out: Array<[number, number]> = [];
    for (let i = 0; i < count; i++) {
      const c = i % cols;
      const r = Math.floor(i / cols);
      out.push(offsetLonLat(line[0], (c - (cols - 1) / 2) * step, ((rows - 1) / 2 - r) * step));
    }
    return out;
  }
  const lengths = line.slice(1).map((p, i) => distanceM(line[i], p));
  const total = lengths.reduce((a, b) => a + b, 0);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    let along = count === 1 ? total / 2 : (total * i) / (count - 1);
    let seg = 0;
    while (seg < lengths.length - 1 && along > lengths[seg]) along -= lengths[seg++];
    const f = lengths[seg] === 0 ? 0 : Math.min(1, along / lengths[seg]);
    const [a, b] = [line[seg], line[seg + 1]];
    out.push([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// GeoJSON (export and import)

interface MeasureFeature {
  type: 'Feature';
  id: string;
  properties: Record<string, string | number>;
  geometry: { type: 'Point'; coordinates: LonLat } | { type: 'LineString'; coordinates: LonLat[] } | { type: 'Polygon'; coordinates: LonLat[][] };
}

/** The plan as a GeoJSON FeatureCollection (WGS84): trees as LineString or Point, areas as Polygon, water as Point. */
export function planToGeoJson(plan: ReadonlyArray<Measure>): { type: 'FeatureCollection'; features: MeasureFeature[] } {
  const features = plan.map((m): MeasureFeature => {
    switch (m.type) {
      case 'trees':
        return {
          type: 'Feature',
          id: m.id,
          properties: { measure: 'trees', count: m.count, crownDiameterM: m.crownDiameterM, ...(m.label ? { label: m.label } : {}) },
          geometry: m.line.length === 1 ? { type: 'Point', coordinates: m.line[0] } : { type: 'LineString', coordinates: m.line },
        };
      case 'shade':
      case 'green':
        return { type: 'Feature', id: m.id, properties: { measure: m.type }, geometry: { type: 'Polygon', coordinates: [[...m.polygon, m.polygon[0]]] } };
      case 'water':
        return { type: 'Feature', id: m.id, properties: { measure: 'water', radiusM: m.radiusM }, geometry: { type: 'Point', coordinates: m.at } };
    }
  });
  return { type: 'FeatureCollection', features };
}

/** Reads a plan back from planToGeoJson's output; throws a zod error naming the bad feature. */
export function planFromGeoJson(raw: unknown): Measure[] {
  const fc = z.object({ features: z.array(z.object({ id: z.union([z.string(), z.number()]), properties: z.record(z.string(), z.unknown()), geometry: z.object({ type: z.string(), coordinates: z.unknown() }) })) }).parse(raw);
  return planSchema.parse(
    fc.features.map((f) => {
      const p = f.properties;
      const c = f.geometry.coordinates as never;
      const base = { id: String(f.id) };
      if (p.measure === 'trees') return { ...base, type: 'trees', line: f.geometry.type === 'Point' ? [c] : c, count: p.count, crownDiameterM: p.crownDiameterM, ...(p.label ? { label: p.label } : {}) };
      if (p.measure === 'water') return { ...base, type: 'water', at: c, radiusM: p.radiusM };
      const ringCoords = (c as LonLat[][])[0] ?? [];
      return { ...base, type: p.measure, polygon: ringCoords.slice(0, -1) };
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// URL (`plan=`): short enough for drawn plans; the register's trees are a switch of their own

const r5 = (v: number) => Math.round(v * 1e5) / 1e5;
const pts = (list: ReadonlyArray<LonLat>) => list.map(([x, y]) => `${r5(x)},${r5(y)}`).join(';');

/** `t:count:crown:lon,lat;…|s:…|g:…|w:radius:lon,lat`, measures separated by `|`. */
export function planToUrl(plan: ReadonlyArray<Measure>): string {
  return plan
    .map((m) => {
      switch (m.type) {
        case 'trees':
          return `t:${m.count}:${m.crownDiameterM}:${pts(m.line)}`;
        case 'shade':
          return `s:${pts(m.polygon)}`;
        case 'green':
          return `g:${pts(m.polygon)}`;
        case 'water':
          return `w:${m.radiusM}:${pts([m.at])}`;
      }
    })
    .join('|');
}

/** Parses `plan=`; a malformed plan gives null (the page opens without it), never a throw. */
export function planFromUrl(raw: string | null): Measure[] | null {
  if (!raw) return null;
  try {
    const parsePts = (s: string) => s.split(';').map((p) => p.split(',').map(Number));
    const plan = raw.split('|').map((part, i) => {
      const [kind, ...rest] = part.split(':');
      const id = `m${i + 1}`;
      if (kind === 't') return { type: 'trees', id, count: Number(rest[0]), crownDiameterM: Number(rest[1]), line: parsePts(rest[2]) };
      if (kind === 's') return { type: 'shade', id, polygon: parsePts(rest[0]) };
      if (kind === 'g') return { type: 'green', id, polygon: parsePts(rest[0]) };
      if (kind === 'w') return { type: 'water', id, radiusM: Number(rest[0]), at: parsePts(rest[1])[0] };
      return null;
    });
    const parsed = planSchema.safeParse(plan);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
