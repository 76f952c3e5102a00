import type { HistoryPoint } from '../../common/history.js';
import type { LiveEntry } from '../../common/protocol.js';
import { categoriesFromMeans, flattenEntry } from './flatten.js';
import type { HistoryWriteBatch, SeriesKind } from './history-store.js';

/**
 * The arithmetic of rollups, shared by both back-ends so they cannot disagree: a bucket keeps,
 * per figure, [sum, min, max, count]; the mean is sum / count. Counts are per figure because
 * some figures are optional (pressure) or sometimes undefined (UTCI outside its valid range).
 */
export type FieldAgg = [sum: number, min: number, max: number, count: number];
export type AggMap = Record<string, FieldAgg>;

export const ROLLUPS = [
  { step: '1m', table: 'rollup_1m', ms: 60_000 },
  { step: '15m', table: 'rollup_15m', ms: 900_000 },
  { step: '1h', table: 'rollup_1h', ms: 3_600_000 },
] as const;
export type RollupStep = (typeof ROLLUPS)[number]['step'];

export function bucketStart(t: number, stepMs: number): number {
  return Math.floor(t / stepMs) * stepMs;
}

/** Adds every finite number of `figures` to `agg`; strings and nulls are not aggregated. */
export function addFigures(agg: AggMap, figures: Readonly<Record<string, number | string | null>>): void {
  for (const name in figures) {
    const x = figures[name];
    if (typeof x !== 'number' || !Number.isFinite(x)) continue;
    const a = agg[name];
    if (a === undefined) agg[name] = [x, x, x, 1];
    else {
      a[0] += x;
      if (x < a[1]) a[1] = x;
      if (x > a[2]) a[2] = x;
      a[3] += 1;
    }
  }
}

export function mergeAgg(into: AggMap, from: Readonly<AggMap>): AggMap {
  for (const name in from) {
    const b = from[name];
    const a = into[name];
    if (a === undefined) into[name] = [b[0], b[1], b[2], b[3]];
    else {
      a[0] += b[0];
      if (b[1] < a[1]) a[1] = b[1];
      if (b[2] > a[2]) a[2] = b[2];
      a[3] += b[3];
    }
  }
  return into;
}

/** A rolled-up point: means in values/derived, categories of the means, extremes, readings in the bucket. */
export function pointFromAgg(kind: SeriesKind, bucket: number, count: number, valuesAgg: AggMap, derivedAgg: AggMap): HistoryPoint {
  const values: Record<string, number> = {};
  const derivedMeans: Record<string, number> = {};
  const min: Record<string, number> = {};
  const max: Record<string, number> = {};
  for (const name in valuesAgg) {
    const [sum, lo, hi, n] = valuesAgg[name];
    values[name] = sum / n;
    min[name] = lo;
    max[name] = hi;
  }
  for (const name in derivedAgg) {
    const [sum, lo, hi, n] = derivedAgg[name];
    derivedMeans[name] = sum / n;
    min[name] = lo;
    max[name] = hi;
  }
  return { t: bucket, values, derived: { ...derivedMeans, ...categoriesFromMeans(kind, derivedMeans) }, min, max, count };
}

/** One raw row to write: a sensor entry (kept whole for stateAt) or a derived-series sample. */
export interface RawRow {
  kind: SeriesKind;
  key: string;
  t: number;
  values: Record<string, number>;
  derived: Record<string, number | string | null>;
  /** the entry as JSON, made once per row (raw row and the 1 min rollup's last entry share it) */
  entryJson: string | null;
}

export function rawRowsOf(batch: HistoryWriteBatch): RawRow[] {
  const rows: RawRow[] = [];
  const entryRow = (entry: LiveEntry, entryJson: string): RawRow => {
    const flat = flattenEntry(entry);
    return { kind: entry.reading.kind, key: entry.reading.sensorId, t: entry.reading.ts, values: flat.values, derived: flat.derived, entryJson };
  };
  for (const entry of batch.entries) rows.push(entryRow(entry, JSON.stringify(entry)));
  for (const text of batch.entryTexts ?? []) rows.push(entryRow(JSON.parse(text) as LiveEntry, text));
  for (const s of batch.samples) rows.push({ kind: s.kind, key: s.id, t: s.t, values: s.values, derived: s.derived ?? {}, entryJson: null });
  return rows;
}

/** A bucket's share of one batch, to be added to what the store already holds for it. */
export interface BucketDelta {
  sid: number;
  bucket: number;
  count: number;
  values: AggMap;
  derived: AggMap;
  /** latest row of the bucket in this batch (the 1 min rollup keeps it for stateAt) */
  lastT: number;
  lastEntryJson: string | null;
}

/**
 * Groups the rows actually inserted (duplicates excluded) into per-bucket deltas, one list per
 * rollup step. Rows are summed into 1 min buckets once; the coarser buckets merge those.
 */
export function bucketDeltas(rows: ReadonlyArray<{ sid: number; row: RawRow }>): Record<RollupStep, BucketDelta[]> {
  const [fine, ...coarser] = ROLLUPS;
  // Numeric keys: sid and bucket index fit a double exactly (bucket index < 1e8 minutes until 2160).
  const keyOf = (sid: number, bucket: number, ms: number) => sid * 1e8 + bucket / ms;
  const byMinute = new Map<number, BucketDelta>();
  for (const { sid, row } of rows) {
    const bucket = bucketStart(row.t, fine.ms);
    const key = keyOf(sid, bucket, fine.ms);
    let d = byMinute.get(key);
    if (d === undefined) {
      d = { sid, bucket, count: 0, values: {}, derived: {}, lastT: row.t, lastEntryJson: row.entryJson };
      byMinute.set(key, d);
    }
    d.count += 1;
    addFigures(d.values, row.values);
    addFigures(d.derived, row.derived);
    if (row.t >= d.lastT) {
      d.lastT = row.t;
      d.lastEntryJson = row.entryJson;
    }
  }
  const out = { [fine.step]: [...byMinute.values()] } as Record<RollupStep, BucketDelta[]>;
  for (const { step, ms } of coarser) {
    const merged = new Map<number, BucketDelta>();
    for (const m of out[fine.step]) {
      const bucket = bucketStart(m.bucket, ms);
      const key = keyOf(m.sid, bucket, ms);
      const d = merged.get(key);
      if (d === undefined) {
        merged.set(key, { sid: m.sid, bucket, count: m.count, values: mergeAgg({}, m.values), derived: mergeAgg({}, m.derived), lastT: m.lastT, lastEntryJson: null });
      } else {
        d.count += m.count;
        mergeAgg(d.values, m.values);
        mergeAgg(d.derived, m.derived);
        d.lastT = Math.max(d.lastT, m.lastT);
      }
    }
    out[step] = [...merged.values()];
  }
  return out;
}
