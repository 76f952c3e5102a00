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

/**
 * A file's columns, gathered as its series are read, sensor by sensor: keys in the order they first appear, so a
 * file's columns follow the data and stay stable for one kind. At SCALE a kind's file has 15,000 series; gathered from
 * all of their points at once, before the first row, they took 25-42 ms of two stalls of the event loop (a profile).
 */
export class CsvColumns {
  private readonly valueKeys = new Set<string>();
  private readonly derivedKeys = new Set<string>();
  private readonly extremeKeys = new Set<string>();
  private hasCount = false;

  add(points: readonly HistoryPoint[]): void {
    for (const p of points) {
      for (const key in p.values) this.valueKeys.add(key);
      for (const key in p.derived) this.derivedKeys.add(key);
      for (const key in p.min) this.extremeKeys.add(key);
      for (const key in p.max) this.extremeKeys.add(key);
      if (p.count !== undefined) this.hasCount = true;
    }
  }

  /** The value, derived, extreme and count columns, after sensor_id and time. */
  columns(): Column[] {
    const valueKeys = [...this.valueKeys];
    const valueNames = new Set(valueKeys.map(csvColumnName));
    // A derived figure named like a measured value (a car park's capacity) gets a prefix, so no header repeats.
    const derivedName = (key: string) => (valueNames.has(csvColumnName(key)) ? `derived_${csvColumnName(key)}` : csvColumnName(key));
    const nameOf = (key: string) => (this.valueKeys.has(key) ? csvColumnName(key) : derivedName(key));
    return [
      ...valueKeys.map((k): Column => ({ header: csvColumnName(k), read: (p) => p.values[k] })),
      ...[...this.derivedKeys].map((k): Column => ({ header: derivedName(k), read: (p) => p.derived[k] })),
      ...[...this.extremeKeys].flatMap((k): Column[] => [
        { header: `${nameOf(k)}_min`, read: (p) => p.min?.[k] },
        { header: `${nameOf(k)}_max`, read: (p) => p.max?.[k] },
      ]),
      ...(this.hasCount ? [{ header: 'count', read: (p: HistoryPoint) => p.count }] : []),
    ];
  }
}

function columnsOf(series: readonly CsvSeries[]): CsvColumns {
  const columns = new CsvColumns();
  for (const s of series) columns.add(s.points);
  return columns;
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

/**
 * The file in parts, made as they are taken: its header, then each series' rows (sent a part at a time at SCALE).
 * `gathered`: the series' columns, if they were gathered as the series were read.
 */
export function* historyCsvParts(series: readonly CsvSeries[], gathered: CsvColumns = columnsOf(series)): Generator<string> {
  const columns = gathered.columns();
  yield csvHeader(columns);
  for (const s of series) yield csvRows(s, columns);
}

export function historyCsv(series: readonly CsvSeries[]): string {
  return [...historyCsvParts(series)].join('');
}
