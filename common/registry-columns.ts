import { z } from 'zod';
import { sensorKindSchema, type SensorKind } from './readings.js';
import { sensorFeatureSchema, type SensorFeature } from './sensors.js';
import { numberColumn, stringColumn } from './zod-columns.js';

/**
 * GET /api/sensors?generated=columns: the registry with SCALE's generated sensors in columns instead of features.
 * The page needs of a generated sensor only its id, kind and position (they are drawn aggregated or as dots and
 * raise nothing of their own), while 100,000 of them as GeoJSON were 36 MB to parse: the map could not stand
 * before the live snapshot arrived. Registry order is kept: the registry's own features come first, the generated
 * sensors after them (server/registry.ts appends them), so index i of the whole registry is `features[i]` below
 * `features.length`, else generated sensor `i - features.length`.
 */
export const registryColumnsSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(sensorFeatureSchema),
    generated: z
      .object({
        ids: stringColumn('generated.ids'),
        /** kinds in registry order as runs [kind, how many]: the generator writes each kind as one block */
        kindRuns: z.array(z.tuple([sensorKindSchema, z.number().int().positive()])),
        /** lon, lat per sensor: a point's coordinates, a line's middle vertex */
        lonLat: numberColumn('generated.lonLat'),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const g = r.generated;
    if (!g) return;
    const runs = g.kindRuns.reduce((sum, [, n]) => sum + n, 0);
    if (runs !== g.ids.length || g.lonLat.length !== 2 * g.ids.length) {
      ctx.addIssue({ code: 'custom', message: `generated: ${g.ids.length} ids, ${runs} in kind runs, ${g.lonLat.length / 2} positions` });
    }
  });
export type RegistryColumns = z.infer<typeof registryColumnsSchema>;

/** Where a generated sensor is drawn: a point where it is, a counter's line at its middle vertex. */
export function drawnAt(f: SensorFeature): [number, number] {
  const g = f.geometry;
  return g.type === 'Point' ? g.coordinates : g.coordinates[Math.floor(g.coordinates.length / 2)];
}

/** The registry's features in the columnar form; throws when a generated sensor comes before one of the registry's own. */
export function registryColumnsOf(features: readonly SensorFeature[]): RegistryColumns {
  const first = features.findIndex((f) => f.properties.generated);
  if (first < 0) return { type: 'FeatureCollection', features: [...features] };
  const generated = features.slice(first);
  if (generated.some((f) => !f.properties.generated)) throw new Error('the registry lists a sensor of its own after a generated one');
  const kindRuns: Array<[SensorKind, number]> = [];
  const lonLat = new Array<number>(2 * generated.length);
  generated.forEach((f, i) => {
    const last = kindRuns.at(-1);
    if (last?.[0] === f.properties.kind) last[1] += 1;
    else kindRuns.push([f.properties.kind, 1]);
    const [lon, lat] = drawnAt(f);
    lonLat[2 * i] = lon;
    lonLat[2 * i + 1] = lat;
  });
  return { type: 'FeatureCollection', features: features.slice(0, first), generated: { ids: generated.map((f) => f.id), kindRuns, lonLat } };
}

/** The whole registry's order as the live stream indexes it: ids, and the kind at each index. */
export interface RegistryOrder {
  ids: string[];
  kinds: SensorKind[];
  /** index of the first generated sensor (the length of the registry without any) */
  generatedFrom: number;
}

export function registryOrderOf(r: RegistryColumns): RegistryOrder {
  const own = r.features.map((f) => f.id);
  const kinds = r.features.map((f) => f.properties.kind);
  const generatedFrom = own.length;
  if (!r.generated) return { ids: own, kinds, generatedFrom };
  for (const [kind, n] of r.generated.kindRuns) for (let i = 0; i < n; i++) kinds.push(kind);
  return { ids: own.concat(r.generated.ids), kinds, generatedFrom };
}
