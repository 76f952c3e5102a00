/**
 * One snapshot per stream sequence number and view (form and subscription): every connect and
 * `snapshot:request` between two ticks gets the same object, so a burst of requests (or of
 * reconnecting clients) builds — and for the columnar form encodes and compresses — it once. It may
 * miss readings ingested since the tick; the next delta carries them, as it would for a fresh one.
 */
export class SnapshotMemo<T> {
  private seq = -1;
  private readonly values = new Map<string, T>();

  /** Whether a value for `key` was built at `seq`. */
  has(seq: number, key = ''): boolean {
    return seq === this.seq && this.values.has(key);
  }

  get(seq: number, build: () => T, key = ''): T {
    if (seq !== this.seq) {
      this.values.clear();
      this.seq = seq;
    }
    let value = this.values.get(key);
    if (value === undefined) {
      value = build();
      this.values.set(key, value);
    }
    return value;
  }
}
