import { z } from 'zod';
import { climateValuesSchema, parkingValuesSchema, trafficValuesSchema, treeValuesSchema } from '../../common/readings.js';
import type { SensorIndex } from '../registry.js';
import { readJsonFile } from '../json-file.js';

/**
 * The map from The Things Network devices to Stadtpuls sensors (data/devices/ttn-devices.json):
 * which sensor a device is, and how each reading value is computed from a decoded_payload field.
 */

/** value = payload[field] × scale + offset; units are converted here, e.g. m/s → km/h with scale 3.6 */
const numberFieldSchema = z.strictObject({
  field: z.string().min(1),
  scale: z.number().finite().optional(),
  offset: z.number().finite().optional(),
  /** a missing field leaves the value out (only for values the reading model marks optional) */
  optional: z.boolean().optional(),
});

/** 0/1 or false/true in the payload → boolean */
const booleanFieldSchema = z.strictObject({
  field: z.string().min(1),
  as: z.literal('boolean'),
  optional: z.boolean().optional(),
});

export const fieldSpecSchema = z.union([numberFieldSchema, booleanFieldSchema]);
export type FieldSpec = z.infer<typeof fieldSpecSchema>;

/** Charging sites carry a list of points, which a flat field map cannot describe; they come via OCPI. */
const VALUE_SCHEMAS = { traffic: trafficValuesSchema, climate: climateValuesSchema, parking: parkingValuesSchema, tree: treeValuesSchema } as const;
type MappableKind = keyof typeof VALUE_SCHEMAS;

const deviceSchema = z.strictObject({
  $comment: z.string().optional(),
  sensorId: z.string().min(1),
  kind: z.enum(['traffic', 'climate', 'parking', 'tree']),
  values: z.record(z.string(), fieldSpecSchema),
});
export type DeviceEntry = z.infer<typeof deviceSchema>;

// TTN device ids: lower-case letters, digits and single dashes, 3–36 characters.
const ttnDeviceId = z.string().regex(/^[a-z0-9](?:-?[a-z0-9]){2,35}$/, 'not a TTN device id');

export const deviceMapFileSchema = z.strictObject({
  $comment: z.string().optional(),
  devices: z.record(ttnDeviceId, deviceSchema),
});

export type DeviceMap = ReadonlyMap<string, DeviceEntry>;

/** Checks every entry against the registry and the reading model, so a map that can never produce a valid reading fails at start-up. */
export function checkDeviceMap(devices: Record<string, DeviceEntry>, sensors: SensorIndex): string[] {
  const problems: string[] = [];
  for (const [deviceId, d] of Object.entries(devices)) {
    const sensor = sensors.get(d.sensorId);
    if (!sensor) {
      problems.push(`${deviceId}: no sensor ${d.sensorId} in the registry`);
      continue;
    }
    if (sensor.properties.kind !== d.kind) problems.push(`${deviceId}: sensor ${d.sensorId} is ${sensor.properties.kind}, not ${d.kind}`);
    const shape = VALUE_SCHEMAS[d.kind as MappableKind].shape as Record<string, z.ZodType>;
    for (const key of Object.keys(d.values)) {
      if (!(key in shape)) problems.push(`${deviceId}: ${d.kind} readings have no value ${key}`);
    }
    for (const [key, schema] of Object.entries(shape)) {
      const required = !schema.safeParse(undefined).success;
      const spec = d.values[key];
      if (required && (!spec || spec.optional)) problems.push(`${deviceId}: ${key} is required in ${d.kind} readings, map it from a field`);
      const isBoolean = schema.safeParse(true).success;
      if (spec && 'as' in spec !== isBoolean) problems.push(`${deviceId}: ${key} is ${isBoolean ? 'a boolean (add "as": "boolean")' : 'a number'}`);
    }
  }
  return problems;
}

export function loadDeviceMap(file: string, sensors: SensorIndex): DeviceMap {
  const { devices } = readJsonFile(file, deviceMapFileSchema, 'TTN device map');
  const problems = checkDeviceMap(devices, sensors);
  if (problems.length > 0) throw new Error(`TTN device map ${file} is invalid: ${problems.join('; ')}`);
  return new Map(Object.entries(devices));
}
