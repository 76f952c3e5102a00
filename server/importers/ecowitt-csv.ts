import { climateReadingSchema, type ClimateReading } from '../../common/readings.js';
import { isBlankCsvLine, quoteCell, splitCsvLine } from './csv-line.js';
import { bindColumns, DATETIME_COLUMN, readHeaderCell, type ClimateField, type ColumnBinding } from './ecowitt-columns.js';
import { parseOffsetTimestamp } from './offset-timestamp.js';

/**
 * Parser for the CSV exports of the city's smart-bench weather stations (Ecowitt GW2001/GW2000).
 *
 * Contract: bad content never throws. Every non-blank line after the header is a row and ends
 * up either as a reading or in `bad` with its 1-based physical line number and one reason text
 * (several problems of one row are joined with "; "), so `rows === readings.length + bad.length`.
 * Only two things throw, because no row could be read at all:
 *  - EcowittHeaderError: the first non-blank line is not a header with a `datetime` column;
 *  - RangeError: `opts.sensorId` is not a valid sensor id (a caller bug, not a data problem).
 */

export interface BadRow {
  line: number;
  reason: string;
}

export interface EcowittCsvResult {
  readings: ClimateReading[];
  rows: number;
  bad: BadRow[];
}

export class EcowittHeaderError extends Error {
  override name = 'EcowittHeaderError';
}

// Ecowitt's own exports write "--" where a sensor delivered nothing.
const NO_VALUE = new Set(['', '-', '--']);
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

export function parseEcowittCsv(text: string, opts: { sensorId: string }): EcowittCsvResult {
  const idCheck = climateReadingSchema.shape.sensorId.safeParse(opts.sensorId);
  if (!idCheck.success) throw new RangeError(`invalid sensor id ${quoteCell(opts.sensorId)}`);

  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const headerIdx = lines.findIndex((l) => !isBlankCsvLine(l));
  if (headerIdx < 0) throw new EcowittHeaderError('no recognisable header: the file is empty');
  const header = splitCsvLine(lines[headerIdx]).map(readHeaderCell);
  const tsIndex = header.findIndex((h) => h.name === DATETIME_COLUMN);
  if (tsIndex < 0) {
    throw new EcowittHeaderError(`no recognisable header: line ${headerIdx + 1} has no "${DATETIME_COLUMN}" column`);
  }
  const width = header.reduce((w, h, i) => (h.name ? i + 1 : w), 0); // a trailing comma adds no column
  const bindings = bindColumns(header);

  const readings: ClimateReading[] = [];
  const bad: BadRow[] = [];
  const acceptedAt = new Map<number, number>(); // ts → line of the reading kept for it
  let rows = 0;

  for (let i = headerIdx + 1; i < lines.length; i++) {
    if (isBlankCsvLine(lines[i])) continue;
    rows++;
    const line = i + 1;
    const row = readRow(splitCsvLine(lines[i]), width, tsIndex, bindings, opts.sensorId);
    if (!row.ok) {
      bad.push({ line, reason: row.reason });
      continue;
    }
    const first = acceptedAt.get(row.reading.ts);
    if (first !== undefined) {
      bad.push({ line, reason: `duplicate timestamp (first at line ${first})` });
      continue;
    }
    acceptedAt.set(row.reading.ts, line);
    readings.push(row.reading);
  }
  return { readings, rows, bad };
}

type RowResult = { ok: true; reading: ClimateReading } | { ok: false; reason: string };

function readRow(cells: string[], width: number, tsIndex: number, bindings: ColumnBinding[], sensorId: string): RowResult {
  // A short row is most likely cut off mid-write, so even its last present cell is suspect.
  if (cells.length < width) return { ok: false, reason: `truncated row: ${cells.length} of ${width} cells` };
  if (cells.slice(width).some((c) => c.trim() !== '')) {
    return { ok: false, reason: `row has ${cells.length} cells, header has ${width}: columns may be shifted` };
  }

  const problems: string[] = [];
  const tsCell = cells[tsIndex].trim();
  const parsedTs = tsCell === '' ? undefined : parseOffsetTimestamp(tsCell);
  if (parsedTs === undefined) problems.push(`missing ${DATETIME_COLUMN}`);
  else if (!parsedTs.ok) problems.push(parsedTs.reason);

  const values: Partial<Record<ClimateField, number>> = {};
  const columnOf: Partial<Record<ClimateField, string>> = {};
  for (const b of bindings) {
    const { column, field, required } = b.spec;
    if (b.kind === 'absent') {
      if (required) problems.push(`missing ${column} (no such column)`);
      continue;
    }
    if (b.kind === 'unsupported-unit') {
      problems.push(`unsupported unit ${quoteCell(b.unit)} for ${column}`);
      continue;
    }
    const cell = cells[b.index].trim();
    if (NO_VALUE.has(cell)) {
      if (required) problems.push(`missing ${column}`);
      continue;
    }
    const n = DECIMAL.test(cell) ? Number(cell) : NaN;
    if (!Number.isFinite(n)) {
      problems.push(`non-numeric ${column}: ${quoteCell(cell)}`);
      continue;
    }
    values[field] = b.convert(n);
    columnOf[field] = column;
  }
  if (problems.length > 0 || !parsedTs?.ok) return { ok: false, reason: problems.join('; ') };

  const parsed = climateReadingSchema.safeParse({ sensorId, kind: 'climate', ts: parsedTs.ts, values });
  if (parsed.success) return { ok: true, reading: parsed.data };
  const reason = parsed.error.issues
    .map((issue) => {
      if (issue.path[0] === 'ts') return `out of range ${DATETIME_COLUMN}: ${tsCell} (${issue.message})`;
      const field = issue.path[1] as ClimateField;
      return `out of range ${columnOf[field] ?? field}: ${field} ${values[field]} (${issue.message})`;
    })
    .join('; ');
  return { ok: false, reason };
}
