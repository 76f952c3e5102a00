import { z } from 'zod';

/**
 * Vulnerable places from the city's open data (data/places.geojson, built by data/build/places.ts):
 * where children spend the hot hours. The map, the exposure route and the ranking share this shape.
 */
export const PLACE_TYPES = ['kita', 'school', 'playground'] as const;
export const placeTypeSchema = z.enum(PLACE_TYPES);
export type PlaceType = z.infer<typeof placeTypeSchema>;

export const placePropertiesSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: placeTypeSchema,
  /** Stadtbezirk label, as in the sensor registry */
  district: z.string().min(1),
});
export type PlaceProperties = z.infer<typeof placePropertiesSchema>;

export const placesCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: placePropertiesSchema,
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    }),
  ),
});
export type PlacesCollection = z.infer<typeof placesCollectionSchema>;

/** A place as the computations use it: flat, with its position. */
export interface Place extends PlaceProperties {
  lon: number;
  lat: number;
}

export function placesOf(fc: PlacesCollection): Place[] {
  return fc.features.map((f) => ({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}
