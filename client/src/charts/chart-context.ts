import type { HistoryStep } from '../../../common/history.js';
import type { TimeRange } from '../time/timeline.js';

/** What every chart of the detail panel shares: its window and step, the cursor, and how to move it. */
export interface ChartContext {
  window: TimeRange;
  step: HistoryStep;
  /** the displayed instant (the live city time when live) */
  cursor: number;
  onPick: (t: number) => void;
  /** refetch period while live (the present moves on); null when looking back */
  refreshMs: number | null;
  /** what the fetches depend on, as one string */
  key: string;
}
