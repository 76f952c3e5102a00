import { z } from 'zod';

/**
 * The sensor registry: every sensor Stadtpuls knows, as GeoJSON features.
 * Readings for ids not in the registry are rejected at ingest.
 * `synthetic: true` marks sites that the project invented to cover the city
 * where no real sensor exists (the UI says so in tooltips).
 */

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

const common = {
  id: z.string().min(1),
  name: z.string().min(1),
  /** Stadtbezirk label (Mitte, Wattenscheid, Nord, Ost, Süd, Südwest) */
  district: z.string().min(1),
  synthetic: z.boolean(),
  /**
   * Added at start-up by SCALE=<n> (server/simulator/scale-city.ts) to load the platform with a city of
   * 100,000 sensors; never in data/sensors.geojson. Such sensors stay out of per-site alerts and of the
   * car-park and traffic KPIs (common/kpis.ts); generated climate nodes do feed the heat surface.
   */
  generated: z.literal(true).optional(),
  /** where the site comes from, for the credits */
  source: z.string().min(1),
};

export const climateSensorSchema = z.object({
  ...common,
  kind: z.literal('climate'),
  /** device MAC of a real smart bench, as in the city's open data */
  mac: z.string().optional(),
  /** why a real bench has no recorded data to replay (shown in its tooltip when it has no current value) */
  noDataReason: z.object({ de: z.string().min(1), en: z.string().min(1) }).optional(),
});

export const parkingSensorSchema = z.object({
  ...common,
  kind: z.literal('parking'),
  capacity: z.number().int().positive(),
  parkingType: z.string(),
  address: z.string().optional(),
});

export const chargingSensorSchema = z.object({
  ...common,
  kind: z.literal('charging'),
  operator: z.string(),
  points: z
    .array(
      z.object({
        id: z.string().min(1),
        connector: z.enum(['Type2', 'CCS', 'CHAdeMO']),
        maxPowerKw: z.number().positive(),
      }),
    )
    .min(1),
});

/**
 * A soil-moisture sensor in a street tree (data/trees/tree-sensors.geojson, kept beside the main registry
 * and loaded with it). Real devices: the city's TreeSense Pulse sensors.
 */
export const treeSensorSchema = z.object({
  ...common,
  kind: z.literal('tree'),
  /** LoRaWAN hardware serial (DevEUI), the key of the device's uplinks */
  devEui: z.string().regex(/^[0-9A-F]{16}$/),
  /** tree species in English (lime, ash, norway-maple): the UI names it in its language */
  species: z.string().min(1),
  /** why the sensor has no current value (shown in its tooltip then) */
  noDataReason: z.object({ de: z.string().min(1), en: z.string().min(1) }).optional(),
});

export const ROAD_CLASSES = ['motorway', 'trunk', 'ring', 'arterial'] as const;

/** A detector measuring one direction of one road link; the geometry runs in the direction of flow. */
export const trafficSensorSchema = z.object({
  ...common,
  kind: z.literal('traffic'),
  street: z.string().min(1),
  roadClass: z.enum(ROAD_CLASSES),
  lanes: z.number().int().positive(),
  /** capacity of this direction, vehicles per hour */
  capacityVehH: z.number().positive(),
  freeFlowKmh: z.number().positive(),
  lengthM: z.number().positive(),
  /** geometry approximated from public facts rather than traced from map data */
  approximate: z.boolean(),
  /** the road-graph link (data/roads.geojson) this detector measures */
  linkId: z.string().min(1).optional(),
});

export const sensorPropertiesSchema = z.discriminatedUnion('kind', [
  climateSensorSchema,
  parkingSensorSchema,
  chargingSensorSchema,
  trafficSensorSchema,
  treeSensorSchema,
]);

export const sensorFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string().min(1),
  properties: sensorPropertiesSchema,
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: lonLat }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2) }),
  ]),
});

export const sensorRegistrySchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(sensorFeatureSchema).min(1),
});

export type SensorProperties = z.infer<typeof sensorPropertiesSchema>;
export type SensorFeature = z.infer<typeof sensorFeatureSchema>;
export type SensorRegistry = z.infer<typeof sensorRegistrySchema>;
export type ClimateSensor = z.infer<typeof climateSensorSchema>;
export type ParkingSensor = z.infer<typeof parkingSensorSchema>;
export type ChargingSensor = z.infer<typeof chargingSensorSchema>;
export type TrafficSensor = z.infer<typeof trafficSensorSchema>;
export type TreeSensor = z.infer<typeof treeSensorSchema>;
