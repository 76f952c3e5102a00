import { runSteps, type Steps } from '../steps.js';
import type { LiveEntry } from '../protocol.js';
import { SENSOR_KINDS, type SensorKind } from '../readings.js';
import { ByteReader, ByteWriter } from './byte-io.js';
import { KIND_SPECS, type FieldSpec } from './kind-fields.js';

/**
 * The columnar wire form of live entries (docs/protocol.md, "Columnar form"): per sensor kind the
 * entries' registry indices and one column per value. Numbers are stored in the narrowest form that
 * gives back exactly the same double (a constant, scaled unsigned integers of 1, 2 or 4 bytes over a
 * base, or float64), strings as a dictionary with 1–4 byte codes, so decoding yields an entry equal
 * to the JSON one. Pure functions, shared by server (encode) and client (decode).
 */

export const COLUMNS_VERSION = 1;

/** A string column: `codes[i]` indexes `dict`; the code `dict.length` is a missing (null or omitted) value. */
export interface StrColumn {
  dict: string[];
  codes: Uint8Array | Uint16Array | Uint32Array;
}

export interface ColumnSet {
  /** numbers and booleans (0/1); NaN where the value is missing */
  num: Record<string, Float64Array>;
  str: Record<string, StrColumn>;
}

/** The decoded entries of one kind, columns in the order of `index`. */
export interface KindColumns extends ColumnSet {
  kind: SensorKind;
  n: number;
  /** position of each entry's sensor in the registry (GET /api/sensors order) */
  index: Uint32Array;
  ts: Float64Array;
  receivedAt: Float64Array;
  /** a charging site's points: how many per entry, then their columns over all points in entry order */
  list?: ColumnSet & { count: Uint32Array; total: number };
}

const enum NumTag {
  F64 = 0,
  U8 = 1,
  U16 = 2,
  U32 = 3,
  CONST = 4,
  BITMAP = 0x80,
}
const POW10 = [1, 10, 100, 1000];

type Getter = (obj: unknown) => unknown;
type Rec = Record<string, Record<string, Record<string, Record<string, unknown>>>> | undefined;
const getters = new Map<readonly string[], Getter>();

/** A compiled accessor per field path (a loop over the path costs a third of encoding at 100,000 entries). */
function getter(path: readonly string[]): Getter {
  let g = getters.get(path);
  if (g) return g;
  const [a, b, c, d] = path;
  if (path.length === 1) g = (o) => (o as Rec)?.[a];
  else if (path.length === 2) g = (o) => (o as Rec)?.[a]?.[b];
  else if (path.length === 3) g = (o) => (o as Rec)?.[a]?.[b]?.[c];
  else if (path.length === 4) g = (o) => (o as Rec)?.[a]?.[b]?.[c]?.[d];
  else throw new Error(`field path ${path.join('.')} is deeper than the columnar form reads`);
  getters.set(path, g);
  return g;
}

function read(obj: unknown, path: readonly string[]): unknown {
  return getter(path)(obj);
}

function write(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let o = obj;
  for (let i = 0; i < path.length - 1; i++) o = (o[path[i]] ??= {}) as Record<string, unknown>;
  o[path[path.length - 1]] = value;
}

// ---------- encoding ----------

/**
 * A column's values in parts (one per block of the kind: a city's own sensors' entries, its generated sensors'
 * columns), written as one column: joining them first copied every column of a whole-city delta once more.
 * -0 is written as 0, as JSON does: the decoded entry equals the JSON one.
 */
function writeNums(w: ByteWriter, parts: readonly Float64Array[]): void {
  let n = 0;
  let present = 0;
  let first = NaN;
  let constant = true;
  for (const v of parts) {
    n += v.length;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] + 0;
      if (x !== x) continue;
      if (present === 0) first = x;
      else if (constant && x !== first) constant = false;
      present++;
    }
  }
  const bitmap = present > 0 && present < n;
  const writeBitmap = () => {
    let b = 0;
    let bit = 0;
    for (const v of parts) {
      for (let i = 0; i < v.length; i++) {
        if (v[i] === v[i]) b |= 1 << bit;
        if (++bit === 8) {
          w.u8(b);
          b = 0;
          bit = 0;
        }
      }
    }
    if (bit > 0) w.u8(b);
  };
  if (present === 0 || constant) {
    w.u8(NumTag.CONST | (bitmap ? NumTag.BITMAP : 0));
    w.f64(first);
    if (bitmap) writeBitmap();
    return;
  }
  for (let k = 0; k < POW10.length; k++) {
    const p = POW10[k];
    let min = Infinity;
    let max = -Infinity;
    let exact = true;
    for (const v of parts) {
      for (let i = 0; i < v.length && exact; i++) {
        const x = v[i] + 0;
        if (x !== x) continue;
        const m = Math.round(x * p);
        if (!Number.isSafeInteger(m) || m / p !== x) exact = false;
        else {
          if (m < min) min = m;
          if (m > max) max = m;
        }
      }
      if (!exact) break;
    }
    if (!exact) continue;
    const range = max - min;
    if (range > 0xffffffff) break;
    const width = range <= 0xff ? 1 : range <= 0xffff ? 2 : 4;
    w.u8((width === 1 ? NumTag.U8 : width === 2 ? NumTag.U16 : NumTag.U32) | (bitmap ? NumTag.BITMAP : 0));
    w.u8(k);
    w.f64(min);
    if (bitmap) writeBitmap();
    const { view, at } = w.reserve(n * width);
    let j = 0;
    for (const v of parts) {
      for (let i = 0; i < v.length; i++, j++) {
        const x = v[i];
        const u = x !== x ? 0 : Math.round(x * p) - min;
        if (width === 1) view.setUint8(at + j, u);
        else if (width === 2) view.setUint16(at + 2 * j, u, true);
        else view.setUint32(at + 4 * j, u, true);
      }
    }
    return;
  }
  w.u8(NumTag.F64);
  const { view, at } = w.reserve(n * 8);
  let j = 0;
  for (const v of parts) for (let i = 0; i < v.length; i++, j++) view.setFloat64(at + 8 * j, v[i] + 0, true);
}

type Strs = ReadonlyArray<string | null | undefined>;

function writeStrs(w: ByteWriter, parts: readonly Strs[]): void {
  const dict = new Map<string, number>();
  let n = 0;
  let allStrings = true;
  for (const values of parts) {
    n += values.length;
    for (const s of values) {
      if (typeof s !== 'string') allStrings = false;
      else if (!dict.has(s)) dict.set(s, dict.size);
    }
  }
  const missing = dict.size;
  const allMissing = dict.size === 0;
  const oneValue = dict.size === 1 && allStrings;
  // width 0: every value the same (the one word, or missing), no codes follow
  const width = allMissing || oneValue ? 0 : missing < 0xff ? 1 : missing < 0xffff ? 2 : 4;
  w.u8(width);
  w.u32(dict.size);
  for (const s of dict.keys()) w.str(s);
  if (width === 0) return;
  const { view, at } = w.reserve(n * width);
  let j = 0;
  for (const values of parts) {
    for (let i = 0; i < values.length; i++, j++) {
      const s = values[i];
      const code = typeof s === 'string' ? dict.get(s)! : missing;
      if (width === 1) view.setUint8(at + j, code);
      else if (width === 2) view.setUint16(at + 2 * j, code, true);
      else view.setUint32(at + 4 * j, code, true);
    }
  }
}

/** Field columns before they are written: numbers (NaN where missing, booleans 0/1) and strings (null or undefined where missing). */
export interface FieldColumns {
  num: Record<string, Float64Array>;
  str: Record<string, ReadonlyArray<string | null | undefined>>;
}

/**
 * One kind's entries as columns, in any order of sensors: what encodeColumns gathers from entries,
 * and what a columnar live state (server/state/) hands over without building an entry per sensor.
 * Column names are KIND_SPECS' `col`.
 */
export interface KindBlock extends FieldColumns {
  kind: SensorKind;
  n: number;
  /** registry positions */
  index: Float64Array;
  ts: Float64Array;
  receivedAt: Float64Array;
  /** a charging site's points: how many per entry, then their columns over all points in entry order */
  list?: FieldColumns & { count: Float64Array };
}

/**
 * Gathers the columns of `fields` over `items`. Each field's parent object (reading.values, derived,
 * derived.counts, a point) is looked up once per item, then one property read per field: walking
 * each path per field cost a third of the encoding at 100,000 entries.
 */
function gatherFields(fields: readonly FieldSpec[], items: readonly unknown[], sensorOf: (i: number) => string): FieldColumns {
  const n = items.length;
  const out: FieldColumns = { num: {}, str: {} };
  const parentKeys = [...new Set(fields.map((f) => f.path.slice(0, -1).join('.')))];
  const parents = parentKeys.map((key) => {
    const get = key === '' ? (o: unknown) => o : getter(key.split('.'));
    const list = new Array<Record<string, unknown> | undefined>(n);
    for (let i = 0; i < n; i++) list[i] = get(items[i]) as Record<string, unknown> | undefined;
    return list;
  });
  for (const spec of fields) {
    const from = parents[parentKeys.indexOf(spec.path.slice(0, -1).join('.'))];
    const key = spec.path[spec.path.length - 1];
    const check = (value: unknown, i: number) => {
      if (value === undefined || value === null) {
        if (spec.absent === 'never') throw new Error(`sensor ${sensorOf(i)}: ${spec.path.join('.')} is missing; the columnar form needs it`);
        if ((value === null) !== (spec.absent === 'null')) throw new Error(`sensor ${sensorOf(i)}: ${spec.path.join('.')} is ${String(value)}, the columnar form expects ${spec.absent === 'null' ? 'null' : 'it left out'}`);
      }
    };
    if (spec.type === 'str') {
      const values = new Array<string | null | undefined>(n);
      for (let i = 0; i < n; i++) {
        const x = from[i]?.[key];
        check(x, i);
        values[i] = x as string | null | undefined;
      }
      out.str[spec.col] = values;
      continue;
    }
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = from[i]?.[key];
      check(x, i);
      col[i] = x === undefined || x === null ? NaN : spec.type === 'bool' ? (x ? 1 : 0) : (x as number);
    }
    out.num[spec.col] = col;
  }
  return out;
}

/** The fields' columns over the parts of a kind (their rows one after the other), `n` rows in all; a step per column. */
function* writeFields(w: ByteWriter, fields: readonly FieldSpec[], parts: readonly FieldColumns[], n: number): Steps<void> {
  for (const spec of fields) {
    const cols = spec.type === 'str' ? parts.map((p) => p.str[spec.col]) : parts.map((p) => p.num[spec.col]);
    const length = cols.reduce((sum, c) => sum + (c?.length ?? NaN), 0);
    if (length !== n) throw new Error(`column ${spec.col} has ${Number.isNaN(length) ? 'no' : length} values for ${n} entries`);
    if (spec.type === 'str') writeStrs(w, cols as Strs[]);
    else writeNums(w, cols as Float64Array[]);
    yield;
  }
}

/** One kind's entries as a block; `indexOf` gives a sensor's registry position (an entry outside the registry is an error). */
export function gatherBlock(kind: SensorKind, list: readonly LiveEntry[], indexOf: (sensorId: string) => number | undefined): KindBlock {
  const n = list.length;
  const index = new Float64Array(n);
  const ts = new Float64Array(n);
  const receivedAt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = list[i];
    const at = indexOf(e.reading.sensorId);
    if (at === undefined || at < 0) throw new Error(`sensor ${e.reading.sensorId} is not in the registry`);
    index[i] = at;
    ts[i] = e.reading.ts;
    receivedAt[i] = e.receivedAt;
  }
  const sensorOf = (i: number) => list[i].reading.sensorId;
  const spec = KIND_SPECS[kind];
  const block: KindBlock = { kind, n, index, ts, receivedAt, ...gatherFields(spec.fields, list, sensorOf) };
  if (spec.list) {
    const count = new Float64Array(n);
    const items: unknown[] = [];
    const owner: number[] = [];
    for (let i = 0; i < n; i++) {
      const arr = (read(list[i], spec.list.path) as unknown[] | undefined) ?? [];
      count[i] = arr.length;
      for (const it of arr) {
        items.push(it);
        owner.push(i);
      }
    }
    block.list = { count, ...gatherFields(spec.list.fields, items, (j) => sensorOf(owner[j])) };
  }
  return block;
}

/**
 * Writes blocks into one columnar message: a kind's blocks one after the other as one (empty ones left out). In
 * steps: the generator pauses after each column it wrote and returns the message. A server writes a whole city's
 * delta a slice of columns at a time, letting its event loop turn between slices (at SCALE_RATE=1 the 100,000 rows
 * written in one piece held it for up to 60 ms); `encodeBlocks` and `encodeColumns` run them at once.
 */
export function* encodeBlocksInSteps(blocks: readonly KindBlock[]): Steps<Uint8Array> {
  const byKind = new Map<SensorKind, KindBlock[]>();
  for (const b of blocks) {
    if (b.n === 0) continue;
    const parts = byKind.get(b.kind);
    if (parts) parts.push(b);
    else byKind.set(b.kind, [b]);
  }
  const n = blocks.reduce((sum, b) => sum + b.n, 0);
  const w = new ByteWriter(256 + n * 48);
  w.u8(COLUMNS_VERSION);
  w.u8(byKind.size);
  for (const kind of SENSOR_KINDS) {
    const parts = byKind.get(kind);
    if (!parts) continue;
    const rows = parts.reduce((sum, b) => sum + b.n, 0);
    w.u8(SENSOR_KINDS.indexOf(kind));
    w.u32(rows);
    writeNums(w, parts.map((b) => b.index));
    writeNums(w, parts.map((b) => b.ts));
    writeNums(w, parts.map((b) => b.receivedAt));
    yield;
    const spec = KIND_SPECS[kind];
    yield* writeFields(w, spec.fields, parts, rows);
    if (spec.list) {
      const lists = parts.map((b) => b.list ?? { count: new Float64Array(b.n), num: {}, str: {} });
      writeNums(w, lists.map((l) => l.count));
      const items = lists.map((l) => l.count.reduce((s, c) => s + c, 0));
      // a block without points has no point columns to write
      yield* writeFields(w, spec.list.fields, lists.filter((_, i) => items[i] > 0), items.reduce((s, c) => s + c, 0));
    }
  }
  return w.finish().slice();
}

export function encodeBlocks(blocks: readonly KindBlock[]): Uint8Array {
  return runSteps(encodeBlocksInSteps(blocks));
}

/**
 * Encodes entries of any kinds into one columnar message. `indexOf` gives a sensor's registry
 * position; an entry of a sensor outside the registry is an error (ingest admits none). `more`: blocks
 * read elsewhere (a live state's columns), each kind's put after the entries of that kind.
 */
export function* encodeColumnsInSteps(entries: readonly LiveEntry[], indexOf: (sensorId: string) => number | undefined, more: readonly KindBlock[] = []): Steps<Uint8Array> {
  const byKind = new Map<SensorKind, LiveEntry[]>();
  for (const e of entries) {
    const list = byKind.get(e.reading.kind);
    if (list) list.push(e);
    else byKind.set(e.reading.kind, [e]);
  }
  return yield* encodeBlocksInSteps([...[...byKind].map(([kind, list]) => gatherBlock(kind, list, indexOf)), ...more]);
}

export function encodeColumns(entries: readonly LiveEntry[], indexOf: (sensorId: string) => number | undefined, more: readonly KindBlock[] = []): Uint8Array {
  return runSteps(encodeColumnsInSteps(entries, indexOf, more));
}

// ---------- decoding ----------

function readNums(r: ByteReader, n: number): Float64Array {
  const tag = r.u8();
  const kind = tag & 0x7f;
  const hasBitmap = (tag & NumTag.BITMAP) !== 0;
  const out = new Float64Array(n);
  if (kind === NumTag.F64) {
    r.f64s(n, out);
    return out;
  }
  if (kind === NumTag.CONST) {
    const value = r.f64();
    out.fill(value);
    if (hasBitmap) applyBitmap(r, out);
    return out;
  }
  const width = kind === NumTag.U8 ? 1 : kind === NumTag.U16 ? 2 : kind === NumTag.U32 ? 4 : 0;
  if (width === 0) throw new Error(`unknown number column tag ${tag}`);
  const k = r.u8();
  const p = POW10[k];
  if (p === undefined) throw new Error(`unknown decimal scale ${k}`);
  const base = r.f64();
  const bitmap = hasBitmap ? r.bytesView(Math.ceil(n / 8)) : null;
  // the same expression the encoder checked: (integer) / 10^k
  r.uintsInto(n, width, out);
  for (let i = 0; i < n; i++) out[i] = (base + out[i]) / p;
  if (bitmap) for (let i = 0; i < n; i++) if ((bitmap[i >> 3] & (1 << (i & 7))) === 0) out[i] = NaN;
  return out;
}

function applyBitmap(r: ByteReader, out: Float64Array): void {
  const bitmap = r.bytesView(Math.ceil(out.length / 8));
  for (let i = 0; i < out.length; i++) if ((bitmap[i >> 3] & (1 << (i & 7))) === 0) out[i] = NaN;
}

function readStrs(r: ByteReader, n: number): StrColumn {
  const width = r.u8();
  if (width !== 0 && width !== 1 && width !== 2 && width !== 4) throw new Error(`unknown string code width ${width}`);
  const size = r.u32();
  const dict: string[] = [];
  for (let i = 0; i < size; i++) dict.push(r.str());
  const codes = width <= 1 ? new Uint8Array(n) : width === 2 ? new Uint16Array(n) : new Uint32Array(n);
  // width 0: one word for all (code 0), or all missing (code 0 = dict.length)
  if (width !== 0) r.uintsInto(n, width, codes);
  return { dict, codes };
}

function readFields(r: ByteReader, fields: readonly FieldSpec[], n: number): ColumnSet {
  const set: ColumnSet = { num: {}, str: {} };
  for (const field of fields) {
    if (field.type === 'str') set.str[field.col] = readStrs(r, n);
    else set.num[field.col] = readNums(r, n);
  }
  return set;
}

/** As Uint32Array.from, without its iterator (a step object per element). */
function toUint32(v: Float64Array): Uint32Array {
  const out = new Uint32Array(v.length);
  out.set(v);
  return out;
}

/** Decodes a columnar message into typed columns per kind (nothing per entry is built here). */
export function decodeColumns(bytes: Uint8Array): KindColumns[] {
  const r = new ByteReader(bytes);
  const version = r.u8();
  if (version !== COLUMNS_VERSION) throw new Error(`columnar format version ${version}, this decoder reads ${COLUMNS_VERSION}`);
  const blocks = r.u8();
  const out: KindColumns[] = [];
  for (let b = 0; b < blocks; b++) {
    const kind = SENSOR_KINDS[r.u8()];
    if (!kind) throw new Error('unknown sensor kind in columnar message');
    const n = r.u32();
    const index = toUint32(readNums(r, n));
    const ts = readNums(r, n);
    const receivedAt = readNums(r, n);
    const spec = KIND_SPECS[kind];
    const cols: KindColumns = { kind, n, index, ts, receivedAt, ...readFields(r, spec.fields, n) };
    if (spec.list) {
      const count = toUint32(readNums(r, n));
      let total = 0;
      for (let i = 0; i < n; i++) total += count[i];
      cols.list = { count, total, ...readFields(r, spec.list.fields, total) };
    }
    out.push(cols);
  }
  return out;
}

function fieldValue(set: ColumnSet, field: FieldSpec, i: number): { present: boolean; value: unknown } {
  if (field.type === 'str') {
    const c = set.str[field.col];
    const code = c.codes[i];
    return code < c.dict.length ? { present: true, value: c.dict[code] } : { present: false, value: null };
  }
  const x = set.num[field.col][i];
  if (x !== x) return { present: false, value: null };
  return { present: true, value: field.type === 'bool' ? x === 1 : x };
}

function fill(target: Record<string, unknown>, set: ColumnSet, fields: readonly FieldSpec[], i: number): void {
  for (const field of fields) {
    const { present, value } = fieldValue(set, field, i);
    if (present) write(target, field.path, value);
    else if (field.absent === 'null') write(target, field.path, null);
  }
}

/**
 * Builds LiveEntry objects from decoded columns, for the parts of the client that read entries.
 * With `keep`, only the rows whose registry index it accepts (the client keeps SCALE's generated
 * sensors in typed arrays only, client/src/live/live-columns.ts).
 */
export function columnsToEntries(cols: KindColumns, ids: readonly string[], keep?: (registryIndex: number) => boolean): LiveEntry[] {
  const spec = KIND_SPECS[cols.kind];
  const out: LiveEntry[] = [];
  let item = 0;
  for (let i = 0; i < cols.n; i++) {
    if (keep && !keep(cols.index[i])) {
      if (spec.list && cols.list) item += cols.list.count[i];
      continue;
    }
    const sensorId = ids[cols.index[i]];
    if (sensorId === undefined) throw new Error(`registry index ${cols.index[i]} is beyond the registry of ${ids.length} sensors`);
    const entry: Record<string, unknown> = {
      reading: { sensorId, kind: cols.kind, ts: cols.ts[i], values: {} },
      derived: { kind: cols.kind },
      receivedAt: cols.receivedAt[i],
    };
    fill(entry, cols, spec.fields, i);
    if (spec.list && cols.list) {
      const items: Record<string, unknown>[] = [];
      for (let j = 0; j < cols.list.count[i]; j++, item++) {
        const it: Record<string, unknown> = {};
        fill(it, cols.list, spec.list.fields, item);
        items.push(it);
      }
      write(entry, spec.list.path, items);
    }
    out.push(entry as unknown as LiveEntry);
  }
  return out;
}

/**
 * Names a registry by its sensor ids in order (FNV-1a, 32 bit, with the count): a client whose
 * registry differs from the server's must not read indices against it.
 */
export function registryFingerprint(ids: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) {
      h ^= id.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x0a;
    h = Math.imul(h, 0x01000193);
  }
  return `${ids.length}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}
