import type { TrafficClosure } from '../../common/protocol.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import type { Stage } from '../pipeline/stage.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { ClosureStore } from './closures.js';

/**
 * Brings the closures up to city time (planned ones go into force, those with an end time end),
 * and when they change, the stream sends both lists and the history records which closure was
 * set (open, at the time it was set, so planned ones come back after a restart too), edited
 * (update) or ended (close).
 */
export class ClosuresStage implements Stage {
  readonly name = 'closures';
  readonly channel: FlaggedChannel<'closures'>;
  readonly plannedChannel: FlaggedChannel<'plannedClosures'>;
  private seenVersion: number;
  private seen: Map<string, TrafficClosure>;

  constructor(
    private readonly closures: ClosureStore,
    private readonly history: HistorySink,
    private readonly cityNow: () => number,
  ) {
    this.channel = new FlaggedChannel('closures', () => closures.list());
    this.plannedChannel = new FlaggedChannel('plannedClosures', () => closures.planned());
    this.seenVersion = closures.version;
    this.seen = this.current();
  }

  /** Takes the closures in force and planned as already recorded (restored from the history), and sends them. */
  adoptCurrent(): void {
    this.seenVersion = this.closures.version;
    this.seen = this.current();
    this.channel.mark();
    this.plannedChannel.mark();
  }

  tick(): void {
    const ended = new Map(this.closures.advance(this.cityNow()).map((c) => [c.id, c]));
    if (this.closures.version === this.seenVersion) return;
    this.seenVersion = this.closures.version;
    const now = this.current();
    for (const [id, c] of now) {
      const before = this.seen.get(id);
      if (!before) this.history.event({ stream: 'closure', id, t: c.setAt ?? c.since, action: 'open', body: c });
      else if (before !== c) this.history.event({ stream: 'closure', id, t: c.editedAt ?? this.cityNow(), action: 'update', body: c });
    }
    for (const [id, c] of this.seen) {
      if (now.has(id)) continue;
      // one that ran to its end time is recorded as ended then, not at the tick that noticed
      const t = ended.has(id) && c.until !== undefined ? c.until : this.cityNow();
      this.history.event({ stream: 'closure', id, t, action: 'close', body: c });
    }
    this.seen = now;
    this.channel.mark();
    this.plannedChannel.mark();
  }

  private current(): Map<string, TrafficClosure> {
    return new Map([...this.closures.list(), ...this.closures.planned()].map((c) => [c.id, c]));
  }
}
