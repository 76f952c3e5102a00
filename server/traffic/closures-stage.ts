import type { TrafficClosure } from '../../common/protocol.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import type { Stage } from '../pipeline/stage.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { ClosureStore } from './closures.js';

/**
 * Watches the closures in force: when they change, the stream sends the list and the history
 * records which closure opened or was lifted (so active ones come back after a restart).
 */
export class ClosuresStage implements Stage {
  readonly name = 'closures';
  readonly channel: FlaggedChannel<'closures'>;
  private seenVersion: number;
  private seen: Map<string, TrafficClosure>;

  constructor(
    private readonly closures: ClosureStore,
    private readonly history: HistorySink,
    private readonly cityNow: () => number,
  ) {
    this.channel = new FlaggedChannel('closures', () => closures.list());
    this.seenVersion = closures.version;
    this.seen = new Map(closures.list().map((c) => [c.id, c]));
  }

  /** Takes the closures in force as already recorded (restored from the history), and sends them. */
  adoptCurrent(): void {
    this.seenVersion = this.closures.version;
    this.seen = new Map(this.closures.list().map((c) => [c.id, c]));
    this.channel.mark();
  }

  tick(): void {
    if (this.closures.version === this.seenVersion) return;
    this.seenVersion = this.closures.version;
    const now = new Map(this.closures.list().map((c) => [c.id, c]));
    for (const [id, c] of now) if (!this.seen.has(id)) this.history.event({ stream: 'closure', id, t: c.since, action: 'open', body: c });
    for (const [id, c] of this.seen) if (!now.has(id)) this.history.event({ stream: 'closure', id, t: this.cityNow(), action: 'close', body: c });
    this.seen = now;
    this.channel.mark();
  }
}
