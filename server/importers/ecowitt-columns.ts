import type { ClimateReading } from '../../common/readings.js';

/**
 * Which Ecowitt export column feeds which reading field, and in which units a header may
 * state it. Exports differ by station firmware and by the account's display settings, so
 * columns are bound by name (never by position) and a unit in the header, e.g.
 * `outdoor_temperature(°F)`, wins over the documented default.
 */

export type ClimateField = keyof ClimateReading['values'];
type Convert = (x: number) => number;

export interface ColumnSpec {
  column: string;
  field: ClimateField;
  /** a row without it cannot become a reading (pressure is optional in the reading model) */
  required: boolean;
  /** keyed by normalised unit text; a header without a unit means the documented one (first key) */
  units: Record<string, Convert>;
}

const same: Convert = (x) => x;
// Conversions carry float noise (37.77777…°C); sensors resolve 0.1, so 0.01 loses nothing.
const round2 = (x: number) => Math.round(x * 100) / 100;
const fahrenheitToC: Convert = (f) => round2(((f - 32) * 5) / 9);
const scaled = (factor: number): Convert => (x) => round2(x * factor);

export const DATETIME_COLUMN = 'datetime';

export const ECOWITT_COLUMNS: readonly ColumnSpec[] = [
  { column: 'outdoor_temperature', field: 'airTempC', required: true, units: { '°c': same, c: same, '°f': fahrenheitToC, f: fahrenheitToC } },
  { column: 'outdoor_humidity', field: 'relHumidityPct', required: true, units: { '%': same } },
  {
    column: 'wind_wind_speed',
    field: 'windKmh',
    required: true,
    units: { 'km/h': same, kmh: same, kph: same, mph: scaled(1.609344), 'm/s': scaled(3.6), knots: scaled(1.852), kn: scaled(1.852) },
  },
  { column: 'solar_and_uvi_solar', field: 'solarWm2', required: true, units: { 'w/m²': same, 'w/m2': same } },
  { column: 'pressure_relative', field: 'pressureHpa', required: false, units: { hpa: same, mbar: same, mb: same, inhg: scaled(33.8639), mmhg: scaled(1.333224) } },
];

/** One header cell split into a column name and the unit it states, if any. */
export interface HeaderCell {
  name: string;
  unit: string | undefined;
}

/** `Outdoor Temperature (℃)` → `{ name: 'outdoor_temperature', unit: '°c' }`. */
export function readHeaderCell(cell: string): HeaderCell {
  const m = /^(.*?)\s*[([]([^)\]]*)[)\]]\s*$/.exec(cell.trim());
  const name = (m ? m[1] : cell).trim().toLowerCase().replace(/[\s-]+/g, '_');
  return { name, unit: m ? normaliseUnit(m[2]) : undefined };
}

function normaliseUnit(unit: string): string {
  return unit
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace('℃', '°c')
    .replace('℉', '°f')
    .replace(/^deg(?=[cf]$)/, '°')
    .replace(/^º/, '°');
}

/** A spec bound to the header: where its cells are and how to bring them to the model's unit. */
export type ColumnBinding =
  | { spec: ColumnSpec; kind: 'absent' }
  | { spec: ColumnSpec; kind: 'unsupported-unit'; index: number; unit: string }
  | { spec: ColumnSpec; kind: 'bound'; index: number; convert: Convert };

export function bindColumns(header: readonly HeaderCell[]): ColumnBinding[] {
  return ECOWITT_COLUMNS.map((spec): ColumnBinding => {
    const index = header.findIndex((h) => h.name === spec.column);
    if (index < 0) return { spec, kind: 'absent' };
    const unit = header[index].unit;
    if (unit === undefined || unit === '') return { spec, kind: 'bound', index, convert: same };
    return Object.hasOwn(spec.units, unit)
      ? { spec, kind: 'bound', index, convert: spec.units[unit] }
      : { spec, kind: 'unsupported-unit', index, unit };
  });
}
