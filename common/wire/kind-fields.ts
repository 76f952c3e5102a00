import { CHARGE_POINT_STATUSES, type SensorKind } from '../readings.js';

/**
 * Which fields of a LiveEntry become which column, per sensor kind (common/wire/columns.ts).
 * `path` is the field's place in the entry; `absent` says what a missing value is: `never` (the
 * schema requires it), `omit` (an optional field left out) or `null` (a nullable field).
 * A field added to common/readings.ts or common/derived.ts must be added here too: the round-trip
 * test (columns.test.ts) fails for an entry whose JSON and decoded form differ.
 */
export type FieldType = 'num' | 'bool' | 'str';
export interface FieldSpec {
  col: string;
  path: readonly string[];
  type: FieldType;
  absent: 'never' | 'omit' | 'null';
}
export interface KindSpec {
  fields: readonly FieldSpec[];
  /** one list of objects per entry (a charging site's points), flattened into columns of its own */
  list?: { path: readonly string[]; fields: readonly FieldSpec[] };
}

const f = (path: string, type: FieldType = 'num', absent: FieldSpec['absent'] = 'never'): FieldSpec => {
  const parts = path.split('.');
  // reading.values.x → "x", derived.y → "derived.y": short names for the values, which layers read most
  const col = parts[0] === 'reading' && parts[1] === 'values' ? parts.slice(2).join('.') : path;
  return { col, path: parts, type, absent };
};

export const KIND_SPECS: Record<SensorKind, KindSpec> = {
  traffic: {
    fields: [
      f('reading.values.flowVehH'),
      f('reading.values.speedKmh'),
      f('reading.values.occupancyPct'),
      f('derived.speedRatio'),
      f('derived.los', 'str'),
      f('derived.volumeCapacityRatio'),
      f('derived.travelTimeIndex'),
    ],
  },
  climate: {
    fields: [
      f('reading.values.airTempC'),
      f('reading.values.relHumidityPct'),
      f('reading.values.windKmh'),
      f('reading.values.solarWm2'),
      f('reading.values.pressureHpa', 'num', 'omit'),
      f('derived.utciC', 'num', 'null'),
      f('derived.utciCategory', 'str', 'null'),
      f('derived.tmrtC'),
      f('derived.heatIndexC'),
    ],
  },
  parking: {
    fields: [f('reading.values.freeSpaces'), f('reading.values.capacity', 'num', 'omit'), f('reading.values.open', 'bool'), f('derived.capacity'), f('derived.occupancyPct')],
  },
  charging: {
    fields: [f('derived.total'), ...CHARGE_POINT_STATUSES.map((s) => f(`derived.counts.${s}`)), f('derived.powerKw')],
    list: {
      path: ['reading', 'values', 'points'],
      fields: [
        { col: 'point.id', path: ['id'], type: 'str', absent: 'never' },
        { col: 'point.status', path: ['status'], type: 'str', absent: 'never' },
        { col: 'point.powerKw', path: ['powerKw'], type: 'num', absent: 'never' },
      ],
    },
  },
  tree: {
    fields: [f('reading.values.soilMoisturePct'), f('reading.values.sensorTempC'), f('reading.values.batteryV', 'num', 'omit')],
  },
};
