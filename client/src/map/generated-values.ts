/**
 * Incremental bookkeeping for SCALE's generated sensors (generated-layers.ts): a delta changes a few
 * hundred of 100,000 values, so colours and grid means are redone for those alone, not for all.
 */

/** The current value of every sensor of one generated kind (NaN: none or stale), and which moved last. */
export class TrackedValues {
  readonly values: Float32Array;
  /** how many updates ran; a follower that saw the one before the last can apply `changed` alone */
  generation = 0;
  /** the positions the last update changed */
  changed: Uint32Array = new Uint32Array(0);

  constructor(readonly length: number) {
    this.values = new Float32Array(length).fill(NaN);
  }

  /** Reads every sensor's value (as float32, like the values kept) and notes the positions that changed. */
  update(read: (i: number) => number): void {
    const changed: number[] = [];
    const { values } = this;
    for (let i = 0; i < this.length; i++) {
      const v = Math.fround(read(i));
      const was = values[i];
      // NaN to NaN is no change
      if (v !== was && (v === v || was === was)) {
        values[i] = v;
        changed.push(i);
      }
    }
    this.changed = Uint32Array.from(changed);
    this.generation += 1;
  }
}

/**
 * Keeps something derived from a TrackedValues in step: `one(i)` for each changed position when the
 * follower saw the update before, else `all()` (its first time, or after it skipped updates, e.g. while
 * its layer was hidden). Returns whether anything was done.
 */
export function follow(t: TrackedValues, seen: { generation: number }, all: () => void, one: (i: number) => void): boolean {
  if (seen.generation === t.generation) return false;
  if (seen.generation === t.generation - 1 && seen.generation > 0) for (const i of t.changed) one(i);
  else all();
  seen.generation = t.generation;
  return true;
}

/** Mean value per grid cell, updated one sensor at a time (NaN values count for nothing). */
export class CellMeans {
  private readonly sum: Float64Array;
  readonly count: Uint32Array;
  /** what each sensor adds to its cell now */
  private readonly added: Float32Array;

  constructor(
    private readonly cellOf: Int32Array,
    cells: number,
  ) {
    this.sum = new Float64Array(cells);
    this.count = new Uint32Array(cells);
    this.added = new Float32Array(cellOf.length).fill(NaN);
  }

  /** Sets sensor `i`'s value (NaN: it no longer counts). */
  set(i: number, v: number): void {
    const c = this.cellOf[i];
    const was = this.added[i];
    if (was === was) {
      this.sum[c] -= was;
      this.count[c] -= 1;
    }
    if (v === v) {
      this.sum[c] += v;
      this.count[c] += 1;
    }
    this.added[i] = v;
    // an emptied cell starts again from exactly zero, whatever rounding the subtractions left
    if (this.count[c] === 0) this.sum[c] = 0;
  }

  reset(values: Float32Array): void {
    this.sum.fill(0);
    this.count.fill(0);
    this.added.fill(NaN);
    for (let i = 0; i < values.length; i++) this.set(i, values[i]);
  }

  mean(c: number): number {
    return this.count[c] > 0 ? this.sum[c] / this.count[c] : NaN;
  }
}
