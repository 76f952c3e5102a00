import type { LiveEntry } from '../../common/protocol.js';
import { SENSOR_KINDS, type SensorKind } from '../../common/readings.js';
import type { KindBlock } from '../../common/wire/columns.js';
import type { Steps } from '../../common/steps.js';
import { JsonArray, type JsonBytes } from './json-bytes.js';
import type { KindColumnStore } from './kind-columns.js';

/** Which registry slots to keep; null: all. */
export type SlotFilter = ((slot: number) => boolean) | null;

/** Where a generated sensor's row lives: the live state's column stores and its maps between slots and rows. */
export interface ColumnLayout {
  /** per kind (SENSOR_KINDS order) the column store of its generated sensors, if any */
  readonly stores: ReadonlyArray<KindColumnStore | undefined>;
  /** per registry slot: SENSOR_KINDS index of its store */
  readonly storeOf: Uint8Array;
  /** per registry slot: the row in its kind's store */
  readonly rowOf: Int32Array;
  /** per kind: each row's registry slot */
  readonly slotOfRow: ReadonlyArray<Int32Array | undefined>;
}

/**
 * The generated (SCALE) sensors that changed since the previous drain, as registry slots: their values are
 * read from the live state's columns when a stage asks, as the columns hold them then (a reading that
 * arrived after the drain included; it is drained again with the next tick). A row forgotten since
 * (a scenario switch) is left out.
 *
 * Not an entry per reading kept until the tick: at SCALE_RATE=1 those were 100,000 objects a second,
 * each alive for up to a tick, which the young-generation collector copied, promoted and swept again
 * (399 scavenges in 75 s, up to 438 ms each, --trace-gc of bench:scale). Rows built on demand are
 * garbage at once, and the columnar delta is read from the columns without any object per sensor.
 */
export class ChangedRows {
  private kinds: Uint32Array | undefined;

  constructor(
    /** registry slots in the order they first changed */
    readonly slots: Int32Array,
    private readonly layout: ColumnLayout,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  /** Whether a sensor of `kind` is among the changed. */
  has(kind: SensorKind): boolean {
    if (!this.kinds) {
      const kinds = new Uint32Array(SENSOR_KINDS.length);
      for (let i = 0; i < this.slots.length; i++) kinds[this.layout.storeOf[this.slots[i]]] += 1;
      this.kinds = kinds;
    }
    return this.kinds[SENSOR_KINDS.indexOf(kind)] > 0;
  }

  /** The entries `take` admits, built from the columns now. */
  entries(take: SlotFilter = null): LiveEntry[] {
    const { stores, storeOf, rowOf } = this.layout;
    const out: LiveEntry[] = [];
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (take && !take(slot)) continue;
      const store = stores[storeOf[slot]]!;
      if (store.has(rowOf[slot])) out.push(store.toEntry(rowOf[slot]));
    }
    return out;
  }

  /**
   * `own` (the registry's own sensors' changed entries) and the rows `take` admits as one JSON array, the text of
   * `JSON.stringify([...own, ...entries(take)])`, the rows written from the columns without an entry object each
   * (a JSON client's delta); a yield every JSON_ROWS_PER_STEP rows. Its bytes are UTF-8.
   */
  *jsonSteps(own: readonly LiveEntry[], take: SlotFilter = null): Steps<JsonBytes> {
    const list = new JsonArray(Math.max(1 << 12, (own.length + this.slots.length) * 260));
    for (const e of own) {
      list.item();
      list.out.text(JSON.stringify(e));
      if (list.stepFull) yield;
    }
    const { stores, storeOf, rowOf } = this.layout;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      if (take && !take(slot)) continue;
      const store = stores[storeOf[slot]]!;
      const row = rowOf[slot];
      if (!store.has(row)) continue;
      list.item();
      store.writeJson(row, list.out);
      if (list.stepFull) yield;
    }
    return list.end();
  }

  /** The rows `take` admits as wire blocks, one per kind (SENSOR_KINDS order), indexed by registry slot. */
  blocks(take: SlotFilter = null): KindBlock[] {
    const { stores, storeOf, rowOf, slotOfRow } = this.layout;
    // counted, then written into typed rows: lists grown a row at a time took 4.9 ms against 3.3 for 100,000 rows, and were garbage
    const SKIP = 0xff;
    const kindOf = new Uint8Array(this.slots.length);
    const counts = new Uint32Array(SENSOR_KINDS.length);
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i];
      const k = storeOf[slot];
      const kept = (!take || take(slot)) && stores[k]!.has(rowOf[slot]);
      kindOf[i] = kept ? k : SKIP;
      if (kept) counts[k] += 1;
    }
    const rowsOf = Array.from(counts, (n) => new Int32Array(n));
    const filled = new Uint32Array(SENSOR_KINDS.length);
    for (let i = 0; i < this.slots.length; i++) {
      const k = kindOf[i];
      if (k !== SKIP) rowsOf[k][filled[k]++] = rowOf[this.slots[i]];
    }
    const out: KindBlock[] = [];
    for (let k = 0; k < SENSOR_KINDS.length; k++) {
      if (counts[k] === 0) continue;
      const slots = slotOfRow[k]!;
      out.push(stores[k]!.blockOf(rowsOf[k], (row) => slots[row]));
    }
    return out;
  }

  /**
   * Visits the changed sensors of `kind` among `slots[from..to)` with their timestamp and number field
   * `col` (common/wire/kind-fields.ts; null where missing), without building an entry.
   */
  forEachNumber(kind: SensorKind, col: string, visit: (sensorId: string, ts: number, value: number | null) => void, from = 0, to = this.slots.length): void {
    const k = SENSOR_KINDS.indexOf(kind);
    const store = this.layout.stores[k];
    const column = store?.numbers(col);
    if (!store) return;
    if (!column) throw new Error(`${kind} has no number field ${col}`);
    const { storeOf, rowOf } = this.layout;
    const end = Math.min(to, this.slots.length);
    for (let i = from; i < end; i++) {
      const slot = this.slots[i];
      if (storeOf[slot] !== k || !store.has(rowOf[slot])) continue;
      const row = rowOf[slot];
      const x = column[row];
      visit(store.idOf(row), store.ts[row], x === x ? x : null);
    }
  }
}
