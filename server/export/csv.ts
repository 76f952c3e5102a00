import type { HistoryPoint } from '../../common/history.js';
import { csvField } from '../../common/csv-field.js';
import { bochumIso } from '../../common/bochum-time.js';

/**
 * History as CSV per RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma,
 * a quote, CR or LF. One row per sensor per point, times as ISO 8601 in Bochum local time with the
 * offset. Column names carry the unit because the value names do (`airTempC` → `air_temp_c`).
 */

export interface CsvSeries {
  sensorId: string;
  points: readonly HistoryPoint[];
}

const CRLF = '\r\n';

/** `airTempC` → `air_temp_c`, `solarWm2` → `solar_wm2`, `volumeCapacityRatio` → `volume_capacity_ratio`. */
export function csvColumnName(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function cell(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '' : csvField(String(value));
}

interface Column {
  header: string;
  read(point: HistoryPoint): number | string | null | undefined;
}

/** Keys in the order they first appear, so a file's columns follow the data and stay stable for one kind. */
function keysOf(points: Iterable<HistoryPoint>, pick: (p: HistoryPoint) => Record<string, unknown> | undefined): string[] {
  const seen = new Set<string>();
  for (const p of points) for (const key of Object.keys(pick(p) ?? {})) seen.add(key);
  return [...seen];
}

/** The value, derived, extreme and count columns of a file of these series, after sensor_id and time. */
function columnsFor(series: readonly CsvSeries[]): Column[] {
  const points = series.flatMap((s) => s.points);
  const valueKeys = keysOf(points, (p) => p.values);
  const derivedKeys = keysOf(points, (p) => p.derived);
  const valueNames = new Set(valueKeys.map(csvColumnName));
  // A derived figure named like a measured value (a car park's capacity) gets a prefix, so no header repeats.
  const derivedName = (key: string) => (valueNames.has(csvColumnName(key)) ? `derived_${csvColumnName(key)}` : csvColumnName(key));
  const nameOf = (key: string) => (valueKeys.includes(key) ? csvColumnName(key) : derivedName(key));
  const extremeKeys = keysOf(points, (p) => ({ ...p.min, ...p.max }));
  const hasCount = points.some((p) => p.count !== undefined);
  return [
    ...valueKeys.map((k): Column => ({ header: csvColumnName(k), read: (p) => p.values[k] })),
    ...derivedKeys.map((k): Column => ({ header: derivedName(k), read: (p) => p.derived[k] })),
    ...extremeKeys.flatMap((k): Column[] => [
      { header: `${nameOf(k)}_min`, read: (p) => p.min?.[k] },
      { header: `${nameOf(k)}_max`, read: (p) => p.max?.[k] },
    ]),
    ...(hasCount ? [{ header: 'count', read: (p: HistoryPoint) => p.count }] : []),
  ];
}

function csvHeader(columns: readonly Column[]): string {
  return ['sensor_id', 'time', ...columns.map((c) => c.header)].map(csvField).join(',') + CRLF;
}

/** The rows of one series, each ending in CRLF. */
function csvRows(s: CsvSeries, columns: readonly Column[]): string {
  const id = csvField(s.sensorId);
  let rows = '';
  for (const p of s.points) rows += [id, bochumIso(p.t), ...columns.map((c) => cell(c.read(p)))].join(',') + CRLF;
  return rows;
}

/** The file in parts, made as they are taken: its header, then each series' rows (sent a part at a time at SCALE). */
export function* historyCsvParts(series: readonly CsvSeries[]): Generator<string> {
  const columns = columnsFor(series);
  yield csvHeader(columns);
  for (const s of series) yield csvRows(s, columns);
}

export function historyCsv(series: readonly CsvSeries[]): string {
  return [...historyCsvParts(series)].join('');
}
