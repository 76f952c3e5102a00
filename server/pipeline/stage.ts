import type { LiveEntry } from '../../common/protocol.js';
import type { ChangedRows } from '../state/changed-rows.js';

/** What one tick of the pipeline hands to every stage. */
export interface TickContext {
  /** the city's (possibly simulated) time of this tick, epoch ms */
  cityTime: number;
  /** entries whose reading changed since the previous tick, the latest per sensor (generated sensors held in columns: `generated`) */
  entries: LiveEntry[];
  /**
   * the generated (SCALE) sensors that changed, read from the live state's columns as a stage asks
   * (server/state/changed-rows.ts); absent or null: none
   */
  generated?: ChangedRows | null;
  /**
   * false when none of `entries` is a sensor new to the live state (LiveState.drainedNew): a stage that keeps
   * a list of the state's sensors need not look through them. Absent: not known, look.
   */
  newSensors?: boolean;
}

/**
 * One step of the server's tick pipeline (server/pipeline/tick-pipeline.ts). Each stage does one
 * job — district figures and alerts, KPI samples, closure records, the stream — and stages run in
 * the order given, so a later one sees what an earlier one derived in the same tick. A stage whose
 * work is long may return a promise and yield to the event loop inside (the heat surface at SCALE):
 * the next stage begins when it has resolved (what it resolves to, or returns, is the stage's own).
 */
export interface Stage {
  readonly name: string;
  tick(ctx: TickContext): unknown;
}
