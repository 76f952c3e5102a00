/**
 * One snapshot per stream sequence number: every connect and `snapshot:request` between two ticks
 * gets the same object, so a burst of requests (or of reconnecting clients) builds it once. It may
 * miss readings ingested since the tick; the next delta carries them, as it would for a fresh one.
 */
export class SnapshotMemo<T> {
  private seq = -1;
  private value: T | undefined;

  get(seq: number, build: () => T): T {
    if (this.value === undefined || seq !== this.seq) {
      this.value = build();
      this.seq = seq;
    }
    return this.value;
  }
}
