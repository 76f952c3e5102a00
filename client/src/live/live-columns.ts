import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import { registryFingerprint, type KindColumns } from '../../../common/wire/columns.js';
import { KIND_SPECS } from '../../../common/wire/kind-fields.js';

/**
 * The live numbers of every sensor of a kind, one Float64Array per value column (NaN: no reading yet),
 * written in place straight from the decoded columnar messages. Layers that draw from typed arrays
 * (deck.gl binary attributes) read these instead of walking entry objects; SCALE's generated sensors live
 * only here (no entry object per sensor and delta, see connection.ts). A column holds the kind's sensors
 * alone, in registry order (`LiveColumns.slotOf` finds a sensor's place): columns of the registry's length
 * for every kind held 28.5 MB of array buffers at 100,000 sensors, these 6.3 MB (docs/scale.md).
 */
export interface KindArrays {
  /** registry positions of this kind's sensors, ascending; a sensor's place in the columns is its place here */
  readonly positions: Uint32Array;
  /** per value column (names as in common/wire/kind-fields.ts), one value per sensor of the kind */
  readonly num: Record<string, Float64Array>;
  /** reading time per sensor of the kind, epoch ms (NaN: none) */
  readonly ts: Float64Array;
}

/** What one message changed: per kind the rows written, and the rows it had to leave out. */
export interface AppliedColumns {
  written: Partial<Record<SensorKind, number>>;
  /** rows whose index is beyond the registry or names a sensor of another kind */
  ignored: number;
}

export class LiveColumns {
  readonly kinds: Record<SensorKind, KindArrays>;
  /** rows left out since the page loaded (an index into another registry, a kind mismatch): a sign of a wire bug */
  ignoredRows = 0;
  /** the kind of each registry position (its place in SENSOR_KINDS; 255: unknown), to check a row before writing it */
  private readonly kindAt: Uint8Array;
  /** 1 for the sensors kept only here (SCALE's generated ones), 0 for those that also get an entry object */
  private readonly onlyHere: Uint8Array;
  /** how many sensors are kept only here */
  readonly columnsOnlyCount: number;
  /** each registry position's place in its kind's columns (-1: a sensor of no known kind) */
  readonly slotOf: Int32Array;
  /**
   * Per kind, a count that moves whenever a sensor kept only here was written (or on `clear`). The layers
   * of those sensors key on it; entry kinds move LiveStore.versions. Kept apart because SCALE's thousands
   * of generated sensors write every second: bumping the kind's version made every layer, label and
   * derived figure of the real sensors of that kind rebuild as well (issue 13).
   */
  readonly onlyHereVersions = Object.fromEntries(SENSOR_KINDS.map((k) => [k, 0])) as Record<SensorKind, number>;

  /** `columnsOnly`: the sensors the client keeps in these arrays alone (by default none). */
  constructor(
    readonly ids: readonly string[],
    private readonly kindOf: (index: number) => SensorKind | undefined,
    private readonly columnsOnly?: (index: number) => boolean,
  ) {
    this.kindAt = new Uint8Array(ids.length).fill(255);
    this.onlyHere = new Uint8Array(ids.length);
    this.slotOf = new Int32Array(ids.length).fill(-1);
    const counts = new Array<number>(SENSOR_KINDS.length).fill(0);
    let only = 0;
    for (let i = 0; i < ids.length; i++) {
      const k = kindOf(i);
      const code = k === undefined ? -1 : SENSOR_KINDS.indexOf(k);
      if (code >= 0) {
        this.kindAt[i] = code;
        this.slotOf[i] = counts[code]++;
      }
      if (columnsOnly?.(i)) {
        this.onlyHere[i] = 1;
        only++;
      }
    }
    this.columnsOnlyCount = only;
    const positionsOf = counts.map((n) => new Uint32Array(n));
    for (let i = 0; i < ids.length; i++) if (this.slotOf[i] >= 0) positionsOf[this.kindAt[i]][this.slotOf[i]] = i;
    this.kinds = Object.fromEntries(
      SENSOR_KINDS.map((kind, code) => {
        const positions = positionsOf[code];
        const length = counts[code];
        // A kind the wire does not describe yet (a new one in common/readings.ts) keeps its times only.
        const fields = KIND_SPECS[kind]?.fields ?? [];
        const num = Object.fromEntries(fields.filter((f) => f.type !== 'str').map((f) => [f.col, new Float64Array(length).fill(NaN)]));
        return [kind, { positions, num, ts: new Float64Array(length).fill(NaN) }];
      }),
    ) as Record<SensorKind, KindArrays>;
  }

  /** The value of a column for the sensor at this registry position (NaN: none, or not a sensor of this kind). */
  value(kind: SensorKind, col: string, index: number): number {
    const slot = this.kindAt[index] === SENSOR_KINDS.indexOf(kind) ? this.slotOf[index] : -1;
    return slot < 0 ? NaN : (this.kinds[kind].num[col]?.[slot] ?? NaN);
  }

  private fingerprintOf: string | null = null;
  /** The registry's fingerprint (common/wire/columns.ts): a columnar message indexed by another registry is not for these columns. */
  get fingerprint(): string {
    return (this.fingerprintOf ??= registryFingerprint(this.ids));
  }

  /** Empty columns of the same registry, keeping the same sensors alone (a past state's, client/src/time/history-api.ts). */
  emptyLike(): LiveColumns {
    return new LiveColumns(this.ids, this.kindOf, this.columnsOnly);
  }

  /** Whether the sensor at this registry position is also kept as an entry object (false beyond the registry). */
  keepsEntry = (index: number): boolean => index < this.ids.length && this.onlyHere[index] === 0;

  /** A snapshot replaces everything: forget what is not in it. */
  clear(): void {
    for (const k of SENSOR_KINDS) {
      this.onlyHereVersions[k] += 1;
      const a = this.kinds[k];
      a.ts.fill(NaN);
      for (const col of Object.values(a.num)) col.fill(NaN);
    }
  }

  /** Writes one message's columns in place; returns what it wrote and counts what it could not place. */
  applyAll(decoded: readonly KindColumns[]): AppliedColumns {
    const out: AppliedColumns = { written: {}, ignored: 0 };
    for (const c of decoded) {
      const { written, ignored } = this.apply(c);
      if (written > 0) out.written[c.kind] = (out.written[c.kind] ?? 0) + written;
      out.ignored += ignored;
    }
    return out;
  }

  apply(cols: KindColumns): { written: number; ignored: number } {
    const a = this.kinds[cols.kind];
    const { index, n } = cols;
    const code = SENSOR_KINDS.indexOf(cols.kind);
    // The common case: every row names a sensor of this kind; otherwise write only those that do.
    let bad = 0;
    for (let i = 0; i < n; i++) if (this.kindAt[index[i]] !== code) bad++;
    if (!a || code < 0) bad = n;
    if (bad > 0) this.ignoredRows += bad;
    if (bad === n) return { written: 0, ignored: bad };
    const ok = (r: number) => bad === 0 || this.kindAt[r] === code;
    const slot = this.slotOf;
    for (let i = 0; i < n; i++) if (ok(index[i])) a.ts[slot[index[i]]] = cols.ts[i];
    for (const name in a.num) {
      const target = a.num[name];
      const src = cols.num[name];
      if (!src) continue;
      if (bad === 0) for (let i = 0; i < n; i++) target[slot[index[i]]] = src[i];
      else for (let i = 0; i < n; i++) if (ok(index[i])) target[slot[index[i]]] = src[i];
    }
    for (let i = 0; i < n; i++) {
      if (this.onlyHere[index[i]] === 1 && ok(index[i])) {
        this.onlyHereVersions[cols.kind] += 1;
        break;
      }
    }
    return { written: n - bad, ignored: bad };
  }
}
