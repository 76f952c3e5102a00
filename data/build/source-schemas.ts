import { z } from 'zod';

/**
 * The shapes the city-model build relies on in the public reference files (see SOURCES.md there).
 * Properties are loose objects: the build reads the fields named here and passes the rest through
 * untouched, so the output stays byte-for-byte what it was.
 */

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4);
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });

function featureCollection<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.looseObject({
    type: z.literal('FeatureCollection'),
    features: z.array(z.looseObject({ type: z.literal('Feature'), geometry, properties })).min(1),
  });
}

export const boundarySourceSchema = featureCollection(polygon, z.looseObject({}));

export const districtsSourceSchema = featureCollection(polygon, z.looseObject({ zoneId: z.string().min(1), label: z.string().min(1) }));

export const transitRoutesSourceSchema = featureCollection(
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) }),
  z.looseObject({
    osm_relation_id: z.number().int(),
    ref: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    max_segment_m: z.number().nonnegative(),
  }),
);

export const carParksSourceSchema = featureCollection(
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.looseObject({
    id: z.string().min(1),
    name: z.string().min(1),
    type: z.string(),
    address: z.string().optional(),
    capacity: z.number().int().nonnegative(),
    public_url: z.string().optional(),
  }),
);
