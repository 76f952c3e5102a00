import { z } from 'zod';

/**
 * The reading model: one measurement of one sensor at one instant.
 * Every feed (simulator, MQTT, HTTP, pull adapters) produces these and nothing else,
 * so the ingest path validates exactly one shape per kind.
 *
 * Units are part of the field names so a value can never be read in the wrong unit.
 * `ts` is the measurement time in epoch milliseconds (UTC).
 */

export const SENSOR_KINDS = ['traffic', 'climate', 'parking', 'charging', 'tree'] as const;
export const sensorKindSchema = z.enum(SENSOR_KINDS);
export type SensorKind = z.infer<typeof sensorKindSchema>;

const finite = () => z.number().finite();
const sensorId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_.:-]+$/, 'sensor id may use letters, digits and _ . : - only');
const timestamp = z.number().int().positive();

/** A traffic detector on one direction of one road link. */
export const trafficValuesSchema = z.strictObject({
  /** vehicles per hour over all lanes of this direction */
  flowVehH: finite().min(0).max(20_000),
  /** harmonic mean speed, km/h */
  speedKmh: finite().min(0).max(250),
  /** share of time the detector loop is occupied, % */
  occupancyPct: finite().min(0).max(100),
});

/** A climate station (the city's smart benches measure at about 1 m above ground). */
export const climateValuesSchema = z.strictObject({
  /** air temperature, °C */
  airTempC: finite().min(-50).max(60),
  /** relative humidity, % */
  relHumidityPct: finite().min(0).max(100),
  /** mean wind speed at sensor height, km/h */
  windKmh: finite().min(0).max(250),
  /** global solar radiation on a horizontal surface, W/m² */
  solarWm2: finite().min(0).max(1500),
  /** air pressure as the station reports it, hPa (the smart benches report station pressure); optional */
  pressureHpa: finite().min(800).max(1100).optional(),
});

/** A car park. */
export const parkingValuesSchema = z.strictObject({
  /** free spaces right now */
  freeSpaces: z.number().int().min(0).max(100_000),
  /** total spaces, when the source reports it (otherwise the registry's capacity applies) */
  capacity: z.number().int().min(1).max(100_000).optional(),
  /** open for entry */
  open: z.boolean(),
});

/**
 * Charge-point status, one vocabulary for every source. OCPI EVSE and OCPP connector
 * statuses map onto it (see common/models/charging-status.ts).
 */
export const CHARGE_POINT_STATUSES = [
  'available',
  'charging',
  'reserved',
  'blocked',
  'out_of_order',
  'unknown',
] as const;
export const chargePointStatusSchema = z.enum(CHARGE_POINT_STATUSES);
export type ChargePointStatus = z.infer<typeof chargePointStatusSchema>;

/** A charging site with its charge points. */
export const chargingValuesSchema = z.strictObject({
  points: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(64),
        status: chargePointStatusSchema,
        /** power currently delivered, kW (0 when not charging) */
        powerKw: finite().min(0).max(1000),
      }),
    )
    .min(1)
    .max(64),
});

/**
 * A soil-moisture sensor in a street tree (the city's TreeSense Pulse sensors, LoRaWAN, every 15–60 min).
 * One of the climate sub-feeds: it tells how dry the trees' ground is, not what people feel.
 */
export const treeValuesSchema = z.strictObject({
  /** moisture content as the device reports it, % (the vendor's figure from the temperature-compensated resistance; 100 = saturated) */
  soilMoisturePct: finite().min(0).max(100),
  /** the sensor's own temperature in the trunk, °C */
  sensorTempC: finite().min(-40).max(85),
  /** battery voltage, V, when the uplink carries it; optional */
  batteryV: finite().min(0).max(5).optional(),
});

const base = { sensorId, ts: timestamp };

export const trafficReadingSchema = z.strictObject({ ...base, kind: z.literal('traffic'), values: trafficValuesSchema });
export const climateReadingSchema = z.strictObject({ ...base, kind: z.literal('climate'), values: climateValuesSchema });
export const parkingReadingSchema = z.strictObject({ ...base, kind: z.literal('parking'), values: parkingValuesSchema });
export const chargingReadingSchema = z.strictObject({ ...base, kind: z.literal('charging'), values: chargingValuesSchema });
export const treeReadingSchema = z.strictObject({ ...base, kind: z.literal('tree'), values: treeValuesSchema });

export const readingSchema = z.discriminatedUnion('kind', [
  trafficReadingSchema,
  climateReadingSchema,
  parkingReadingSchema,
  chargingReadingSchema,
  treeReadingSchema,
]);

export type TrafficReading = z.infer<typeof trafficReadingSchema>;
export type ClimateReading = z.infer<typeof climateReadingSchema>;
export type ParkingReading = z.infer<typeof parkingReadingSchema>;
export type ChargingReading = z.infer<typeof chargingReadingSchema>;
export type TreeReading = z.infer<typeof treeReadingSchema>;
export type Reading = z.infer<typeof readingSchema>;
export type ReadingOfKind<K extends SensorKind> = Extract<Reading, { kind: K }>;
