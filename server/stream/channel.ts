import type { Snapshot } from '../../common/protocol.js';

/** The parts of a snapshot besides the entries that a delta may carry when they changed. */
export type ChannelKey = 'districts' | 'alerts' | 'nights' | 'nightCount' | 'closures' | 'plannedClosures' | 'kpis' | 'worstLinks';

/**
 * One part of the live protocol. The stream composes a snapshot from every channel's `snapshot()`
 * and a delta from what `changed()` returns once per tick (undefined: leave the field out).
 */
export interface Channel<K extends ChannelKey = ChannelKey> {
  readonly key: K;
  snapshot(): Snapshot[K];
  changed(): Snapshot[K] | undefined;
}

/**
 * A channel whose owner marks it changed; `changed()` reports the mark once, with `readChanged` if given (what
 * changed since it was last read, where the whole is large: the nights of 15,000 stations) or else the whole.
 * With `same`, a value equal to the last one reported is left out (a count marked with every climate reading).
 */
export class FlaggedChannel<K extends ChannelKey> implements Channel<K> {
  private dirty = false;
  private last: Snapshot[K] | undefined;

  constructor(
    readonly key: K,
    private readonly read: () => Snapshot[K],
    private readonly readChanged: () => Snapshot[K] = read,
    private readonly same?: (a: Snapshot[K], b: Snapshot[K]) => boolean,
  ) {}

  mark(): void {
    this.dirty = true;
  }

  snapshot(): Snapshot[K] {
    return this.read();
  }

  changed(): Snapshot[K] | undefined {
    if (!this.dirty) return undefined;
    this.dirty = false;
    const value = this.readChanged();
    if (this.same) {
      if (this.last !== undefined && this.same(this.last, value)) return undefined;
      this.last = value;
    }
    return value;
  }
}
