import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { z } from 'zod';
import { distanceM, offsetLonLat, type LonLat } from '../../common/geo.js';
import { ringsBounds, type Bounds } from '../../common/geo-bounds.js';
import { roadNetworkSchema } from '../../common/roads.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { ClimateSensor, ParkingSensor, SensorFeature, TrafficSensor } from '../../common/sensors.js';
import { districtCollectionSchema } from '../heat/district-grid.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';

/**
 * SCALE=<n>: a city of n generated sensors over Bochum's real geometry, to load the platform the way
 * a city-wide LoRaWAN network would. Deterministic for a seed (the same n and seed give the same
 * sensors, byte for byte), never written to a file. Three kinds, in the shares below:
 * - parking-bay occupancy sensors (capacity 1) on both kerbs of side streets that leave the
 *   arterials and rings of data/roads.geojson every ~120 m (bays 6 m apart);
 * - environmental nodes (kind climate), one per block of a jittered grid inside the city boundary;
 * - traffic counters on the links of the road graph, spread by link length.
 * Every sensor is inside a Stadtbezirk of data/city/districts.geojson and carries its label.
 */

/** Shares of the generated kinds; parking bays take the rest. */
export const SCALE_SHARES = { climate: 0.15, traffic: 0.1 } as const;

/** Side streets leave a main road this far apart (m), on both sides. */
const SIDE_STREET_SPACING_M = 120;
/** Kerbside bays of a side street: spacing along it, and offset from its centre line (m). */
const BAY_SPACING_M = 6;
const KERB_OFFSET_M = 4;
/** Beyond this, a side street stops growing (m): a bay that would be further out is not placed. */
const MAX_SIDE_STREET_M = 3000;
/** Road classes with kerbside parking: not motorways and their ramps. */
const KERBSIDE_CLASSES = new Set(['arterial', 'ring', 'trunk']);
/** Section a traffic counter stands for, drawn as a short line in the direction of flow through the counter (its anchor, m). */
const COUNTER_SECTION_M = 40;

const GENERATED_SOURCE = 'SCALE generator (synthetic, not a real site)';

export interface ScaleLink {
  id: string;
  street: string;
  roadClass: string;
  lanes: number;
  capacityVehH: number;
  freeFlowKmh: number;
  coordinates: LonLat[];
}

type Polygonal = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface ScaleGeometry {
  boundary: Polygonal;
  districts: Array<{ name: string; geometry: Polygonal }>;
  links: ScaleLink[];
}

const boundarySchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(z.object({ type: z.literal('Feature'), geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1) }) }))
    .min(1),
});

/** Bochum's boundary, districts and road links from data/. */
export function loadScaleGeometry(dataDir = DATA_DIR): ScaleGeometry {
  const boundary = readJsonFile(path.join(dataDir, 'city', 'boundary.geojson'), boundarySchema, 'city boundary').features[0].geometry;
  const districts = readJsonFile(path.join(dataDir, 'city', 'districts.geojson'), districtCollectionSchema, 'district boundaries').features;
  const roads = readJsonFile(path.join(dataDir, 'roads.geojson'), roadNetworkSchema, 'road graph').features;
  const links: ScaleLink[] = [];
  for (const f of roads) {
    if (f.properties.kind !== 'link' || f.geometry.type !== 'LineString') continue;
    const p = f.properties;
    links.push({ id: p.id, street: p.street, roadClass: p.roadClass, lanes: p.lanes, capacityVehH: p.capacityVehH, freeFlowKmh: p.freeFlowKmh, coordinates: f.geometry.coordinates });
  }
  return { boundary, districts: districts.map((d) => ({ name: d.properties.name, geometry: d.geometry })), links };
}

export interface ScaleCounts {
  parking: number;
  climate: number;
  traffic: number;
}

/** How n generated sensors split into kinds (SCALE_SHARES, parking bays take the rest). */
export function scaleCounts(n: number): ScaleCounts {
  const climate = Math.round(n * SCALE_SHARES.climate);
  const traffic = Math.round(n * SCALE_SHARES.traffic);
  return { parking: n - climate - traffic, climate, traffic };
}

/** The n generated sensors for `seed`; ids `gen-p-…` (bays), `gen-c-…` (nodes), `gen-t-…` (counters). */
export function generateScaleCity(n: number, seed: number, geometry: ScaleGeometry): SensorFeature[] {
  if (!Number.isInteger(n) || n < 0) throw new Error(`SCALE must be a whole number ≥ 0, got ${n}`);
  if (n === 0) return [];
  const counts = scaleCounts(n);
  const locate = districtLocator(geometry);
  return [
    ...parkingBays(counts.parking, seededRandom(seed), geometry, locate),
    ...environmentalNodes(counts.climate, seededRandom(seed + 1), geometry, locate),
    ...trafficCounters(counts.traffic, seededRandom(seed + 2), geometry, locate),
  ];
}

/** The Stadtbezirk label of a point, or null outside the city. */
type Locate = (p: LonLat) => string | null;

function districtLocator(geometry: ScaleGeometry): Locate {
  const districts = geometry.districts.map((d) => ({ ...d, bounds: ringsBounds(polygonRings(d.geometry)) }));
  const cityBounds = ringsBounds(polygonRings(geometry.boundary));
  return (p) => {
    // The city boundary and the district polygons differ by metres along the edge: inside both counts.
    if (!inBounds(p, cityBounds) || !booleanPointInPolygon(p as [number, number], geometry.boundary)) return null;
    for (const d of districts) {
      if (!inBounds(p, d.bounds)) continue;
      if (booleanPointInPolygon(p as [number, number], d.geometry)) return d.name;
    }
    return null;
  };
}

function polygonRings(g: Polygonal): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

const inBounds = (p: LonLat, [w, s, e, n]: Bounds) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;

const pad = (i: number) => String(i).padStart(6, '0');
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const at = (p: LonLat): [number, number] => [round6(p[0]), round6(p[1])];

/** A point `distM` along a polyline and the unit direction (east, north) of its segment there. */
function along(line: readonly LonLat[], distM: number): { p: LonLat; east: number; north: number } {
  let left = distM;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1];
    const b = line[i];
    const len = distanceM(a, b);
    if (left <= len || i === line.length - 1) {
      const f = len === 0 ? 0 : Math.min(1, left / len);
      const p: LonLat = [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f];
      const east = distanceM([a[0], a[1]], [b[0], a[1]]) * Math.sign(b[0] - a[0]);
      const north = distanceM([a[0], a[1]], [a[0], b[1]]) * Math.sign(b[1] - a[1]);
      const norm = Math.hypot(east, north) || 1;
      return { p, east: east / norm, north: north / norm };
    }
    left -= len;
  }
  return { p: line[line.length - 1], east: 1, north: 0 };
}

function lineLengthM(line: readonly LonLat[]): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) sum += distanceM(line[i - 1], line[i]);
  return sum;
}

interface SideStreet {
  origin: LonLat;
  /** unit direction away from the main road */
  east: number;
  north: number;
  street: string;
}

/** Side streets off the kerbside classes, both sides, every SIDE_STREET_SPACING_M, slightly fanned by `random`. */
function sideStreets(geometry: ScaleGeometry, random: () => number): SideStreet[] {
  const out: SideStreet[] = [];
  for (const link of geometry.links) {
    if (!KERBSIDE_CLASSES.has(link.roadClass)) continue;
    const length = lineLengthM(link.coordinates);
    for (let d = SIDE_STREET_SPACING_M / 2; d < length; d += SIDE_STREET_SPACING_M) {
      const { p, east, north } = along(link.coordinates, d);
      for (const side of [1, -1]) {
        // Perpendicular to the road (right of the flow for side 1), turned by up to ±20°.
        const turn = ((random() - 0.5) * 40 * Math.PI) / 180;
        const [px, py] = [north * side, -east * side];
        out.push({ origin: p, east: px * Math.cos(turn) - py * Math.sin(turn), north: px * Math.sin(turn) + py * Math.cos(turn), street: link.street });
      }
    }
  }
  return out;
}

function parkingBays(count: number, random: () => number, geometry: ScaleGeometry, locate: Locate): SensorFeature[] {
  const streets = sideStreets(geometry, random);
  const out: SensorFeature[] = [];
  const open = streets.map(() => true);
  // Round-robin over the side streets, one bay per kerb and step outwards, so every street grows alike.
  for (let step = 0; out.length < count; step++) {
    const distM = BAY_SPACING_M * (step + 1);
    if (distM > MAX_SIDE_STREET_M || !open.some(Boolean)) throw new Error(`SCALE: room for only ${out.length} parking bays, ${count} wanted`);
    for (let s = 0; s < streets.length && out.length < count; s++) {
      if (!open[s]) continue;
      const st = streets[s];
      const centre = offsetLonLat(st.origin, st.east * distM, st.north * distM);
      for (const kerb of [1, -1]) {
        if (out.length >= count) break;
        const p = offsetLonLat(centre, st.north * KERB_OFFSET_M * kerb, -st.east * KERB_OFFSET_M * kerb);
        const district = locate(p);
        // A street that has left the city stops there.
        if (district === null) {
          open[s] = false;
          break;
        }
        const i = out.length + 1;
        const properties: ParkingSensor = {
          id: `gen-p-${pad(i)}`,
          name: `Stellplatz ${i} (nahe ${st.street})`,
          district,
          synthetic: true,
          generated: true,
          source: GENERATED_SOURCE,
          kind: 'parking',
          capacity: 1,
          parkingType: 'kerbside-bay',
        };
        out.push({ type: 'Feature', id: properties.id, properties, geometry: { type: 'Point', coordinates: at(p) } });
      }
    }
  }
  return out;
}

function environmentalNodes(count: number, random: () => number, geometry: ScaleGeometry, locate: Locate): SensorFeature[] {
  if (count === 0) return [];
  const rings = polygonRings(geometry.boundary);
  const [w, s, e, n] = ringsBounds(rings);
  const widthM = distanceM([w, s], [e, s]);
  const heightM = distanceM([w, s], [w, n]);
  // About half the bounding box is inside the city: start from that and tighten until enough blocks fall inside.
  let spacingM = Math.sqrt((widthM * heightM * 0.5) / count);
  for (;;) {
    const blocks: Array<{ p: LonLat; district: string }> = [];
    for (let y = spacingM / 2; y < heightM; y += spacingM) {
      for (let x = spacingM / 2; x < widthM; x += spacingM) {
        // A node somewhere in its block, not on a lattice.
        const p = offsetLonLat([w, s], x + (random() - 0.5) * spacingM * 0.6, y + (random() - 0.5) * spacingM * 0.6);
        const district = locate(p);
        if (district !== null) blocks.push({ p, district });
      }
    }
    if (blocks.length >= count) {
      // Keep `count` blocks spread over the whole city: a seeded shuffle, then the first ones in grid order.
      const keep = shuffledIndices(blocks.length, random).slice(0, count).sort((a, b) => a - b);
      return keep.map((b, k) => {
        const i = k + 1;
        const properties: ClimateSensor = { id: `gen-c-${pad(i)}`, name: `Umweltknoten ${i}`, district: blocks[b].district, synthetic: true, generated: true, source: GENERATED_SOURCE, kind: 'climate' };
        return { type: 'Feature', id: properties.id, properties, geometry: { type: 'Point', coordinates: at(blocks[b].p) } };
      });
    }
    spacingM *= 0.97;
  }
}

function shuffledIndices(n: number, random: () => number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

function trafficCounters(count: number, random: () => number, geometry: ScaleGeometry, locate: Locate): SensorFeature[] {
  if (count === 0) return [];
  const links = geometry.links.map((l) => ({ link: l, lengthM: lineLengthM(l.coordinates) }));
  const total = links.reduce((sum, l) => sum + l.lengthM, 0);
  const phase = random();
  // Spaced evenly along the whole network (so longer links get more); links leaving the city lose
  // their outer counters, so the spacing tightens until `count` fall inside.
  for (let spacing = total / count; ; spacing *= 0.97) {
    const out: SensorFeature[] = [];
    let next = phase * spacing;
    let start = 0;
    for (const { link, lengthM } of links) {
      for (; next < start + lengthM && out.length < count; next += spacing) {
        const d = next - start;
        const mid = along(link.coordinates, d).p;
        const district = locate(mid);
        if (district === null) continue;
        const a = along(link.coordinates, Math.max(0, d - COUNTER_SECTION_M / 2)).p;
        const b = along(link.coordinates, Math.min(lengthM, d + COUNTER_SECTION_M / 2)).p;
        const i = out.length + 1;
        const properties: TrafficSensor = {
          id: `gen-t-${pad(i)}`,
          name: `Zählstelle ${i} (${link.street})`,
          district,
          synthetic: true,
          generated: true,
          source: GENERATED_SOURCE,
          kind: 'traffic',
          street: link.street,
          roadClass: link.roadClass === 'ramp' ? 'arterial' : (link.roadClass as TrafficSensor['roadClass']),
          lanes: link.lanes,
          capacityVehH: link.capacityVehH,
          freeFlowKmh: link.freeFlowKmh,
          lengthM: Math.max(1, Math.round(distanceM(a, b))),
          approximate: true,
          linkId: link.id,
        };
        out.push({ type: 'Feature', id: properties.id, properties, geometry: { type: 'LineString', coordinates: [at(a), at(mid), at(b)] } });
      }
      start += lengthM;
    }
    if (out.length >= count) return out;
  }
}
