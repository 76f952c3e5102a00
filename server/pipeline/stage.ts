import type { LiveEntry } from '../../common/protocol.js';

/** What one tick of the pipeline hands to every stage. */
export interface TickContext {
  /** the city's (possibly simulated) time of this tick, epoch ms */
  cityTime: number;
  /** entries whose reading changed since the previous tick, the latest per sensor */
  entries: LiveEntry[];
}

/**
 * One step of the server's tick pipeline (server/pipeline/tick-pipeline.ts). Each stage does one
 * job — district figures and alerts, KPI samples, closure records, the stream — and stages run in
 * the order given, so a later one sees what an earlier one derived in the same tick.
 */
export interface Stage {
  readonly name: string;
  tick(ctx: TickContext): void;
}
