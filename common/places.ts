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

/** UTCI at or above which a place counts as under strong heat stress (Bröde et al. 2012 category bounds). */
export const STRONG_HEAT_STRESS_C = 32;

export const placeExposureSchema = z.object({
  id: z.string(),
  /** UTCI at the place at `at`, interpolated from the stations (null: no station reported near that time) */
  utciC: z.number().nullable(),
  /** hours of the Bochum day of `at`, up to `at`, with the place at UTCI ≥ 32 °C */
  hoursStrongToday: z.number(),
  /** the same over the 7 days before `at` */
  hoursStrong7d: z.number(),
});
export type PlaceExposure = z.infer<typeof placeExposureSchema>;

/** GET /api/places/exposure?at=&run= */
export const placesExposureResponseSchema = z.object({
  run: z.string(),
  at: z.number(),
  thresholdC: z.number(),
  /** resolution of the station series the hours are counted on, ms */
  stepMs: z.number(),
  places: z.array(placeExposureSchema),
});
export type PlacesExposureResponse = z.infer<typeof placesExposureResponseSchema>;

/** GET /api/places */
export const placesResponseSchema = z.object({
  places: z.array(placePropertiesSchema.extend({ lon: z.number(), lat: z.number() })),
});
export type PlacesResponse = z.infer<typeof placesResponseSchema>;
