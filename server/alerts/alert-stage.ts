import type { Stage, TickContext } from '../pipeline/stage.js';
import type { LiveState } from '../state/live-state.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { ConditionInput, ConditionWatch } from './alert-conditions.js';
import type { AlertEngine } from './alert-engine.js';

/**
 * The alert stage, after the heat stage (whose district figures it reads): evaluates every rule on
 * every tick — durations, silences and shelves run on the city clock even when no reading arrives —
 * and offers the list to the stream whenever it changed, an acknowledgement from the API included.
 */
export class AlertStage implements Stage {
  readonly name = 'alerts';
  readonly channel: FlaggedChannel<'alerts'>;
  private sentVersion = -1;

  constructor(
    private readonly engine: AlertEngine,
    private readonly watch: ConditionWatch,
    private readonly state: LiveState,
    private readonly inputs: () => Omit<ConditionInput, 'cityTime' | 'entries'>,
  ) {
    this.channel = new FlaggedChannel('alerts', () => engine.list());
  }

  tick(ctx: TickContext): void {
    this.engine.apply(this.watch.evaluate({ cityTime: ctx.cityTime, entries: this.state.all(), ...this.inputs() }), ctx.cityTime);
    this.flush();
  }

  /** Marks the channel when the list changed since it was last sent. */
  flush(): void {
    if (this.engine.changes === this.sentVersion) return;
    this.sentVersion = this.engine.changes;
    this.channel.mark();
  }
}
