import type { LiveEntry } from '../../common/protocol.js';
import { SENSOR_KINDS, type SensorKind } from '../../common/readings.js';
import { gatherBlock, type KindBlock } from '../../common/wire/columns.js';
import { KIND_SPECS } from '../../common/wire/kind-fields.js';
import type { SensorIndex } from '../registry.js';
import { ChangedRows, type ColumnLayout, type SlotFilter } from './changed-rows.js';
import { runSteps, type Steps } from '../../common/steps.js';
import { JsonArray, type JsonBytes } from './json-bytes.js';
import { KindColumnStore } from './kind-columns.js';

export type { SlotFilter } from './changed-rows.js';

/** What changed since the previous drain: the entry objects, and the generated sensors as slots (null: none held in columns). */
export interface Drained {
  entries: LiveEntry[];
  generated: ChangedRows | null;
}

/**
 * The latest entry of every sensor, plus the set of sensors that changed since the last drain.
 * The stream drains the changes once per tick, so a sensor that reports twice within a tick
 * is sent once, with its newest reading.
 *
 * Given the registry, the generated sensors (SCALE, `properties.generated`) of the flat kinds live
 * in columns indexed by their registry slot (./kind-columns.ts): 100,000 entry objects held for the
 * whole run cost about 30 MB of heap and a full pass of the garbage collector over them; the columns
 * cost about 6 MB and none. Their entries are built on reading (`get`, `values`) and the wire reads the
 * columns as they are (`blocks`, and a tick's changes: `drain().generated`, ./changed-rows.ts). The real
 * registry's sensors stay entry objects, as does everything without a registry (tests, the demo recorder).
 */
export class LiveState {
  private readonly entries = new Map<string, LiveEntry>();
  private changed = new Set<string>();
  /** per kind (SENSOR_KINDS order) the column store of its generated sensors, if any */
  private readonly stores: Array<KindColumnStore | undefined> = [];
  /** per registry slot: the row in its kind's store, −1 for an entry object */
  private readonly rowOf: Int32Array;
  /** per registry slot: SENSOR_KINDS index of its store */
  private readonly storeOf: Uint8Array;
  /** per kind: each row's registry slot */
  private readonly slotOfRow: Int32Array[] = [];
  /** Generated sensors changed since the last drain: a flag per slot, and the first `changedCount` of `changedSlots` in order. */
  private readonly changedFlag: Uint8Array;
  private readonly changedSlots: Int32Array;
  private changedCount = 0;
  private readonly layout: ColumnLayout;
  /** a sensor the state did not hold was set since the last drain */
  private newSinceDrain = false;
  private drainHadNew = true;

  constructor(private readonly registry?: SensorIndex) {
    const size = registry?.size ?? 0;
    this.rowOf = new Int32Array(size).fill(-1);
    this.storeOf = new Uint8Array(size);
    this.changedFlag = new Uint8Array(size);
    this.changedSlots = new Int32Array(size);
    this.layout = { stores: this.stores, storeOf: this.storeOf, rowOf: this.rowOf, slotOfRow: this.slotOfRow };
    if (!registry) return;
    SENSOR_KINDS.forEach((kind, k) => {
      if (!KindColumnStore.holds(kind)) return;
      const slots: number[] = [];
      for (let slot = 0; slot < size; slot++) {
        const p = registry.at(slot).properties;
        if (p.kind === kind && (p as { generated?: boolean }).generated === true) slots.push(slot);
      }
      if (slots.length === 0) return;
      slots.forEach((slot, row) => {
        this.rowOf[slot] = row;
        this.storeOf[slot] = k;
      });
      this.stores[k] = new KindColumnStore(kind, slots.map((slot) => registry.at(slot).id));
      this.slotOfRow[k] = Int32Array.from(slots);
    });
  }

  /** The generated sensor's slot if its entry lives in columns; `known`: its slot in this registry, if the caller has it. */
  private columnSlot(sensorId: string, known?: number): number | undefined {
    if (this.changedFlag.length === 0) return undefined;
    const slot = known ?? this.registry!.slotOf(sensorId);
    return slot !== undefined && this.rowOf[slot] >= 0 ? slot : undefined;
  }

  /**
   * Whether registry slots of `sensors` are slots here: then a caller that knows a sensor's slot passes
   * it (`tsOf`, `set`) and spares a lookup in a map of 100,000 ids, twice per reading at SCALE.
   */
  indexedBy(sensors: SensorIndex): boolean {
    return this.registry === sensors;
  }

  get(sensorId: string): LiveEntry | undefined {
    const slot = this.columnSlot(sensorId);
    if (slot === undefined) return this.entries.get(sensorId);
    const store = this.stores[this.storeOf[slot]]!;
    const row = this.rowOf[slot];
    return store.has(row) ? store.toEntry(row) : undefined;
  }

  /** The latest reading's timestamp, without building the entry (ingest asks for every reading). */
  tsOf(sensorId: string, slot?: number): number | undefined {
    slot = this.columnSlot(sensorId, slot);
    if (slot === undefined) return this.entries.get(sensorId)?.reading.ts;
    const store = this.stores[this.storeOf[slot]]!;
    const row = this.rowOf[slot];
    return store.has(row) ? store.ts[row] : undefined;
  }

  /** `slot`: the sensor's registry slot, for a caller whose registry this is (`indexedBy`) */
  set(entry: LiveEntry, slot?: number): void {
    slot = this.columnSlot(entry.reading.sensorId, slot);
    if (slot === undefined) {
      const size = this.entries.size;
      this.entries.set(entry.reading.sensorId, entry);
      if (this.entries.size !== size) this.newSinceDrain = true;
      this.changed.add(entry.reading.sensorId);
      return;
    }
    // ingest admits no reading of another kind than the registry's
    if (SENSOR_KINDS[this.storeOf[slot]] !== entry.reading.kind) throw new Error(`sensor ${entry.reading.sensorId} is ${SENSOR_KINDS[this.storeOf[slot]]}, the entry is ${entry.reading.kind}`);
    const store = this.stores[this.storeOf[slot]]!;
    if (!store.has(this.rowOf[slot])) this.newSinceDrain = true;
    store.set(this.rowOf[slot], entry);
    if (this.changedFlag[slot] === 1) return;
    this.changedFlag[slot] = 1;
    this.changedSlots[this.changedCount++] = slot;
  }

  /** how often forget() was called: a stage that keeps a list of sensors knows to look again */
  private forgetCalls = 0;

  get forgets(): number {
    return this.forgetCalls;
  }

  /** Forgets the sensors `drop` names (a scenario switch: the old scenario's simulated sensors), changes included. */
  forget(drop: (sensorId: string) => boolean): number {
    this.forgetCalls += 1;
    let n = 0;
    for (const id of [...this.entries.keys()]) {
      if (!drop(id)) continue;
      this.entries.delete(id);
      this.changed.delete(id);
      n += 1;
    }
    this.stores.forEach((store) => {
      if (!store) return;
      for (let row = 0; row < store.rows; row++) {
        if (!store.has(row) || !drop(store.idOf(row))) continue;
        store.clear(row);
        n += 1;
      }
    });
    return n;
  }

  /**
   * The entries without a copy of the whole, for a pass spread over ticks: like a Map's iterator it
   * sees later changes and skips entries forgotten meanwhile. A generated sensor's entry is built as
   * the pass reaches it; `generatedOf` leaves out the generated sensors of kinds a pass does not read.
   */
  *values(generatedOf: (kind: SensorKind) => boolean = () => true): IterableIterator<LiveEntry> {
    yield* this.entries.values();
    for (const store of this.stores) {
      if (!store || !generatedOf(store.kind)) continue;
      for (let row = 0; row < store.rows; row++) if (store.has(row)) yield store.toEntry(row);
    }
  }

  /**
   * `values()` without building the generated sensors' entries: each is the one object its kind's store lends
   * (KindColumnStore.view), valid until the next step of the iteration. For a reader that keeps none of them.
   */
  *views(generatedOf: (kind: SensorKind) => boolean = () => true): IterableIterator<LiveEntry> {
    yield* this.entries.values();
    for (const store of this.stores) {
      if (!store || !generatedOf(store.kind)) continue;
      for (let row = 0; row < store.rows; row++) if (store.has(row)) yield store.view(row);
    }
  }

  /** The sensors' ids in the order of `values()`, without building an entry. */
  *ids(): IterableIterator<string> {
    yield* this.entries.keys();
    for (const store of this.stores) {
      if (!store) continue;
      for (let row = 0; row < store.rows; row++) if (store.has(row)) yield store.idOf(row);
    }
  }

  all(): LiveEntry[] {
    return [...this.values()];
  }

  ofKind(kind: SensorKind): LiveEntry[] {
    const out: LiveEntry[] = [];
    for (const e of this.entries.values()) if (e.reading.kind === kind) out.push(e);
    const store = this.stores[SENSOR_KINDS.indexOf(kind)];
    if (store) for (let row = 0; row < store.rows; row++) if (store.has(row)) out.push(store.toEntry(row));
    return out;
  }

  /**
   * Every entry of `kind` with its number field `col` (common/wire/kind-fields.ts; null where missing),
   * without building the generated sensors' entries: a stage that needs one figure of thousands of
   * sensors (the heat surface: every station's UTCI) reads their column.
   */
  forEachNumber(kind: SensorKind, col: string, visit: (sensorId: string, value: number | null) => void): void {
    const spec = KIND_SPECS[kind].fields.find((f) => f.col === col);
    if (!spec || spec.type !== 'num') throw new Error(`${kind} has no number field ${col}`);
    const [root, ...path] = spec.path;
    for (const e of this.entries.values()) {
      if (e.reading.kind !== kind) continue;
      let x: unknown = root === 'reading' ? e.reading : e.derived;
      for (const key of path) x = (x as Record<string, unknown> | undefined)?.[key];
      visit(e.reading.sensorId, typeof x === 'number' ? x : null);
    }
    const store = this.stores[SENSOR_KINDS.indexOf(kind)];
    const column = store?.numbers(col);
    if (!store || !column) return;
    for (let row = 0; row < store.rows; row++) {
      if (!store.has(row)) continue;
      const x = column[row];
      visit(store.idOf(row), x === x ? x : null);
    }
  }

  get size(): number {
    return this.stores.reduce((n, s) => n + (s?.size ?? 0), this.entries.size);
  }

  /**
   * What changed since the last drain, the latest per sensor: the entry objects, and the generated sensors
   * as slots whose values the columns hold (read when a stage asks, ./changed-rows.ts).
   */
  drain(): Drained {
    const entries: LiveEntry[] = [];
    for (const id of this.changed) entries.push(this.entries.get(id)!);
    this.changed = new Set();
    let generated: ChangedRows | null = null;
    if (this.changedFlag.length > 0) {
      const slots = this.changedSlots.slice(0, this.changedCount);
      for (let i = 0; i < slots.length; i++) this.changedFlag[slots[i]] = 0;
      this.changedCount = 0;
      generated = new ChangedRows(slots, this.layout);
    }
    this.drainHadNew = this.newSinceDrain;
    this.newSinceDrain = false;
    return { entries, generated };
  }

  /** drain() as entries, the generated sensors' built from the columns (the demo recorder, tests). */
  drainChanged(): LiveEntry[] {
    const { entries, generated } = this.drain();
    return generated && generated.size > 0 ? entries.concat(generated.entries()) : entries;
  }

  /**
   * Whether the last drain held a sensor the state did not hold before (or could not tell: no drain
   * yet). A sensor set after the drain counts towards the next one.
   */
  get drainedNew(): boolean {
    return this.drainHadNew;
  }

  /**
   * Every entry the filter admits as wire blocks (common/wire/columns.ts), indexed by registry slot: per kind its
   * entry objects gathered, then its columns as they are (encodeBlocks writes a kind's blocks as one). Needs the registry.
   */
  blocks(take: SlotFilter = null): KindBlock[] {
    const registry = this.registry;
    if (!registry) throw new Error('the live state has no registry to index blocks by');
    const byKind = new Map<SensorKind, LiveEntry[]>();
    for (const e of this.entries.values()) {
      if (take) {
        const slot = registry.slotOf(e.reading.sensorId);
        if (slot === undefined || !take(slot)) continue;
      }
      const list = byKind.get(e.reading.kind);
      if (list) list.push(e);
      else byKind.set(e.reading.kind, [e]);
    }
    const out: KindBlock[] = [];
    SENSOR_KINDS.forEach((kind, k) => {
      const parts: KindBlock[] = [];
      const list = byKind.get(kind);
      if (list) parts.push(gatherBlock(kind, list, (id) => registry.slotOf(id)));
      const store = this.stores[k];
      if (store) {
        const slots = this.slotOfRow[k];
        parts.push(store.block((row) => slots[row], take ? (row) => take(slots[row]) : undefined));
      }
      for (const block of parts) if (block.n > 0) out.push(block);
    });
    return out;
  }

  /**
   * The entries the filter admits (registry slots) as one JSON array, the text of
   * `JSON.stringify(all())` (filtered alike), in the order of `values()`: the generated sensors'
   * entries written straight from the columns, without an object each. Needs the registry. `rows`: about how many
   * the filter admits, for the size of the first buffer.
   */
  entriesJson(take: SlotFilter = null, rows = this.size): string {
    return runSteps(this.entriesJsonSteps(take, rows)).toString();
  }

  /**
   * entriesJson in steps, a yield every JSON_ROWS_PER_STEP rows, for a caller that lets the event loop turn between them:
   * the whole text of 100,000 sensors held it for 87–106 ms in one piece (CPU profiles of bench/json-join). An entry that changes between two steps
   * is written as it is when its step comes. The text comes as its UTF-8 bytes too (a message to many clients).
   */
  *entriesJsonSteps(take: SlotFilter = null, rows = this.size): Steps<JsonBytes> {
    const registry = this.registry;
    if (!registry) throw new Error('the live state has no registry to filter by');
    // one buffer for the whole text: a string per entry, joined, kept the garbage collector busier than JSON.stringify
    const list = new JsonArray(Math.max(1 << 16, rows * 260));
    for (const e of this.entries.values()) {
      if (take) {
        const slot = registry.slotOf(e.reading.sensorId);
        if (slot === undefined || !take(slot)) continue;
      }
      list.item();
      list.out.text(JSON.stringify(e));
      if (list.stepFull) yield;
    }
    for (let k = 0; k < this.stores.length; k++) {
      const store = this.stores[k];
      if (!store) continue;
      const slots = this.slotOfRow[k];
      for (let row = 0; row < store.rows; row++) {
        if (!store.has(row) || (take && !take(slots[row]))) continue;
        list.item();
        store.writeJson(row, list.out);
        if (list.stepFull) yield;
      }
    }
    return list.end();
  }

  /** Bytes of the column stores (the entry objects' heap is not counted here). */
  get columnBytes(): number {
    return this.stores.reduce((n, s) => n + (s?.bytes ?? 0), this.rowOf.byteLength + this.storeOf.byteLength + this.changedFlag.byteLength);
  }
}
