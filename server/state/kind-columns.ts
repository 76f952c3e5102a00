import type { LiveEntry } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';
import type { KindBlock } from '../../common/wire/columns.js';
import { KIND_SPECS, type FieldSpec } from '../../common/wire/kind-fields.js';
import type { JsonBytes } from './json-bytes.js';

/**
 * The latest entry of many sensors of one kind as columns, one row per sensor: a Float64Array per
 * number field (NaN: missing) and a Uint16Array of dictionary codes per string field (0: missing),
 * after the wire's field list (common/wire/kind-fields.ts), which names every field of a reading and
 * its derived figures. An entry per sensor costs about 300 bytes of objects; a row of these columns
 * 60–80 bytes. An entry read back equals the one stored (`toEntry`); kinds with a list per entry
 * (a charging site's points) are not held here.
 */
export class KindColumnStore {
  readonly rows: number;
  /** 1 where the row holds an entry */
  private readonly present: Uint8Array;
  private count = 0;
  readonly ts: Float64Array;
  readonly receivedAt: Float64Array;
  private readonly num: Float64Array[];
  private readonly str: Uint16Array[];
  /** per string field: code − 1 → word, and word → code */
  private readonly words: string[][];
  private readonly codes: Array<Map<string, number>>;
  private readonly numFields: FieldSpec[];
  private readonly strFields: FieldSpec[];
  /** the string codes of the entry being set, before they go into its row */
  private readonly scratchCodes: Uint16Array;
  /** per string field: each word as JSON, by code − 1 (filled as words come) */
  private readonly quoted: string[][];
  /** writers of the fields of `reading.values` and of `derived`, in the order toEntry sets them */
  private readonly valueWriters: FieldWriter[];
  private readonly derivedWriters: FieldWriter[];
  private readonly jsonKind: string;
  /** `","kind":"parking","ts":` */
  private readonly kindPart: string;
  /** whether every id is written as it is between quotes (printable ASCII, nothing JSON escapes) */
  private readonly plainIds: boolean;
  /** the entry `view` lends, made at its first call */
  private lent: { reading: { sensorId: string; kind: SensorKind; ts: number; values: Record<string, unknown> }; derived: Record<string, unknown>; receivedAt: number } | null = null;

  constructor(
    readonly kind: SensorKind,
    /** the sensor id of each row */
    private readonly ids: readonly string[],
  ) {
    const spec = KIND_SPECS[kind];
    if (!KindColumnStore.holds(kind)) throw new Error(`${kind} entries carry a list or nested fields; the column store holds flat kinds only`);
    this.rows = ids.length;
    this.present = new Uint8Array(this.rows);
    this.ts = new Float64Array(this.rows);
    this.receivedAt = new Float64Array(this.rows);
    this.numFields = spec.fields.filter((f) => f.type !== 'str');
    this.strFields = spec.fields.filter((f) => f.type === 'str');
    this.num = this.numFields.map(() => new Float64Array(this.rows));
    this.str = this.strFields.map(() => new Uint16Array(this.rows));
    this.scratchCodes = new Uint16Array(this.strFields.length);
    this.words = this.strFields.map(() => []);
    this.codes = this.strFields.map(() => new Map());
    this.quoted = this.strFields.map(() => []);
    const writers = [...this.numFields.map((f, k) => this.numWriter(f, k)), ...this.strFields.map((f, k) => this.strWriter(f, k))];
    this.valueWriters = writers.filter((w) => w.field.path[0] === 'reading');
    this.derivedWriters = writers.filter((w) => w.field.path[0] !== 'reading');
    this.jsonKind = JSON.stringify(kind);
    this.kindPart = `,"kind":${this.jsonKind},"ts":`;
    this.plainIds = ids.every((id) => /^[\x20-\x7e]*$/.test(id) && !/["\\]/.test(id));
  }

  /** Kinds whose fields are all reading.values.x or derived.x, without a list per entry. */
  static holds(kind: SensorKind): boolean {
    const spec = KIND_SPECS[kind] as (typeof KIND_SPECS)[SensorKind] | undefined;
    return spec !== undefined && !spec.list && spec.fields.every((f) => (f.path[0] === 'reading' && f.path[1] === 'values' && f.path.length === 3) || (f.path[0] === 'derived' && f.path.length === 2));
  }

  get size(): number {
    return this.count;
  }

  has(row: number): boolean {
    return this.present[row] === 1;
  }

  idOf(row: number): string {
    return this.ids[row];
  }

  /** Writes an entry of this kind into its row (fields as common/wire/kind-fields.ts lists them). */
  set(row: number, entry: LiveEntry): void {
    const reading = entry.reading as unknown as Record<string, Record<string, unknown>>;
    const derived = entry.derived as unknown as Record<string, unknown>;
    // Strings first: a dictionary that is full throws before the row changed. Into a scratch row, not a new
    // array: this runs for every reading, 100,000 a second at SCALE_RATE=1.
    const codes = this.scratchCodes;
    for (let k = 0; k < this.strFields.length; k++) codes[k] = this.codeOf(k, valueAt(this.strFields[k], reading, derived));
    for (let k = 0; k < this.numFields.length; k++) {
      const f = this.numFields[k];
      const x = valueAt(f, reading, derived);
      this.num[k][row] = x === undefined || x === null ? NaN : f.type === 'bool' ? (x ? 1 : 0) : (x as number);
    }
    for (let k = 0; k < this.strFields.length; k++) this.str[k][row] = codes[k];
    this.ts[row] = entry.reading.ts;
    this.receivedAt[row] = entry.receivedAt;
    if (this.present[row] === 0) this.count += 1;
    this.present[row] = 1;
  }

  clear(row: number): void {
    if (this.present[row] === 0) return;
    this.present[row] = 0;
    this.count -= 1;
  }

  /** The row's entry as a new object, equal to the one stored (optional fields left out, nullable ones null). */
  toEntry(row: number): LiveEntry {
    const values: Record<string, unknown> = {};
    const derived: Record<string, unknown> = { kind: this.kind };
    this.fillFields(row, values, derived, false);
    return {
      reading: { sensorId: this.ids[row], kind: this.kind, ts: this.ts[row], values },
      derived,
      receivedAt: this.receivedAt[row],
    } as unknown as LiveEntry;
  }

  /**
   * The row's entry in the one object this store lends for it, overwritten by the next call: a missing
   * optional field reads undefined (toEntry leaves it out). For a pass that reads each entry once and keeps
   * none (the KPI sweep): 25,000 entries built per pass, 10,000 of them kept until its end, were most of what
   * the server's garbage collector copied at SCALE.
   */
  view(row: number): LiveEntry {
    const lent = (this.lent ??= { reading: { sensorId: '', kind: this.kind, ts: 0, values: {} }, derived: { kind: this.kind }, receivedAt: 0 });
    this.fillFields(row, lent.reading.values, lent.derived, true);
    lent.reading.sensorId = this.ids[row];
    lent.reading.ts = this.ts[row];
    lent.receivedAt = this.receivedAt[row];
    return lent as unknown as LiveEntry;
  }

  /** Sets the row's fields in `values` and `derived`; a missing optional one is left out, or set undefined when `overwrite`. */
  private fillFields(row: number, values: Record<string, unknown>, derived: Record<string, unknown>, overwrite: boolean): void {
    for (let k = 0; k < this.numFields.length; k++) {
      const f = this.numFields[k];
      const x = this.num[k][row];
      const target = f.path[0] === 'reading' ? values : derived;
      const key = f.path[f.path.length - 1];
      // NaN is a missing value, except where the field is never missing (then it was NaN)
      if (x === x || f.absent === 'never') target[key] = f.type === 'bool' ? x === 1 : x;
      else if (f.absent === 'null') target[key] = null;
      else if (overwrite) target[key] = undefined;
    }
    for (let k = 0; k < this.strFields.length; k++) {
      const f = this.strFields[k];
      const code = this.str[k][row];
      const target = f.path[0] === 'reading' ? values : derived;
      const key = f.path[f.path.length - 1];
      if (code !== 0) target[key] = this.words[k][code - 1];
      else if (f.absent !== 'omit') target[key] = null;
      else if (overwrite) target[key] = undefined;
    }
  }

  /** The column of a number field (`col` as common/wire/kind-fields.ts names it; NaN: missing), or undefined. */
  numbers(col: string): Float64Array | undefined {
    const k = this.numFields.findIndex((f) => f.col === col);
    return k < 0 ? undefined : this.num[k];
  }

  /**
   * Writes the row's entry as JSON, the very text of `JSON.stringify(toEntry(row))`, from the columns
   * without the objects: a JSON snapshot of 100,000 generated sensors built every entry anew for
   * JSON.stringify to take apart again (server/stream/json-snapshot.ts).
   */
  writeJson(row: number, out: JsonBytes): void {
    out.ascii('{"reading":{"sensorId":');
    if (this.plainIds) {
      out.ascii('"');
      out.ascii(this.ids[row]);
      out.ascii('"');
    } else out.text(JSON.stringify(this.ids[row]));
    out.ascii(this.kindPart);
    out.number(this.ts[row]);
    out.ascii(',"values":{');
    let first = true;
    for (const w of this.valueWriters) {
      if (!w.present(row)) continue;
      out.ascii(first ? w.key : w.commaKey);
      first = false;
      w.write(row, out);
    }
    out.ascii('}},"derived":{"kind":');
    out.ascii(this.jsonKind);
    for (const w of this.derivedWriters) {
      if (!w.present(row)) continue;
      out.ascii(w.commaKey);
      w.write(row, out);
    }
    out.ascii('},"receivedAt":');
    out.number(this.receivedAt[row]);
    out.ascii('}');
  }

  /** A number field as toEntry sets it: NaN is missing (left out, or null) unless the field is never missing. */
  private numWriter(f: FieldSpec, k: number): FieldWriter {
    const col = this.num[k];
    const never = f.absent === 'never';
    const omit = f.absent === 'omit';
    const present = (row: number) => !omit || never || col[row] === col[row];
    const write =
      f.type === 'bool'
        ? (row: number, out: JsonBytes) => out.ascii(col[row] === col[row] || never ? (col[row] === 1 ? 'true' : 'false') : 'null')
        : (row: number, out: JsonBytes) => out.number(col[row]);
    return { field: f, ...keysOf(f), present, write };
  }

  private strWriter(f: FieldSpec, k: number): FieldWriter {
    const col = this.str[k];
    const omit = f.absent === 'omit';
    const words = this.words[k];
    const quoted = this.quoted[k];
    return {
      field: f,
      ...keysOf(f),
      present: (row) => !omit || col[row] !== 0,
      write: (row, out) => {
        const code = col[row];
        if (code === 0) return out.ascii('null');
        out.text(quoted[code - 1] ?? (quoted[code - 1] = JSON.stringify(words[code - 1])));
      },
    };
  }

  /**
   * The rows `take` admits as a wire block (common/wire/columns.ts), read straight from the columns:
   * `indexOf(row)` is the row's registry position.
   */
  block(indexOf: (row: number) => number, take: (row: number) => boolean = () => true): KindBlock {
    const rows: number[] = [];
    for (let r = 0; r < this.rows; r++) if (this.present[r] === 1 && take(r)) rows.push(r);
    return this.blockOf(rows, indexOf);
  }

  /** The given rows, in this order, as a wire block (rows that hold no entry are the caller's to leave out). */
  blockOf(rows: ArrayLike<number>, indexOf: (row: number) => number): KindBlock {
    const n = rows.length;
    const pick = (col: Float64Array) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = col[rows[i]];
      return out;
    };
    const index = new Float64Array(n);
    for (let i = 0; i < n; i++) index[i] = indexOf(rows[i]);
    const block: KindBlock = { kind: this.kind, n, index, ts: pick(this.ts), receivedAt: pick(this.receivedAt), num: {}, str: {} };
    this.numFields.forEach((f, k) => (block.num[f.col] = pick(this.num[k])));
    this.strFields.forEach((f, k) => {
      const codes = this.str[k];
      const words = this.words[k];
      const absent = f.absent === 'null' ? null : undefined;
      const out = new Array<string | null | undefined>(n);
      for (let i = 0; i < n; i++) {
        const c = codes[rows[i]];
        out[i] = c === 0 ? absent : words[c - 1];
      }
      block.str[f.col] = out;
    });
    return block;
  }

  /** Bytes held by the columns (the dictionaries' few words left out). */
  get bytes(): number {
    return this.present.byteLength + this.ts.byteLength + this.receivedAt.byteLength + this.num.reduce((s, c) => s + c.byteLength, 0) + this.str.reduce((s, c) => s + c.byteLength, 0);
  }

  private codeOf(k: number, value: unknown): number {
    if (value === undefined || value === null) return 0;
    const word = String(value);
    let code = this.codes[k].get(word);
    if (code !== undefined) return code;
    // The string fields are derived categories (a level of service, a UTCI class): a handful of words.
    if (this.words[k].length >= 0xfffe) throw new Error(`${this.kind}.${this.strFields[k].col}: more than 65,534 distinct words for the column store`);
    this.words[k].push(word);
    code = this.words[k].length;
    this.codes[k].set(word, code);
    return code;
  }
}

interface FieldWriter {
  field: FieldSpec;
  /** `"name":` and `,"name":` */
  key: string;
  commaKey: string;
  /** whether toEntry sets the field in this row (it leaves a missing optional one out) */
  present(row: number): boolean;
  /** writes the value's JSON (null where toEntry sets null) */
  write(row: number, out: JsonBytes): void;
}

const keysOf = (f: FieldSpec) => {
  const key = `${JSON.stringify(f.path[f.path.length - 1])}:`;
  return { key, commaKey: `,${key}` };
};

/** A field's value in an entry (paths reading.values.x or derived.x; the flat kinds have no deeper ones). */
function valueAt(f: FieldSpec, reading: Record<string, Record<string, unknown>>, derived: Record<string, unknown>): unknown {
  if (f.path[0] === 'reading') return reading.values?.[f.path[2]];
  return derived[f.path[1]];
}
