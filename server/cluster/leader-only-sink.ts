import type { HistorySink } from '../pipeline/history-sink.js';

/**
 * The history sink of the derived figures (district heat, KPI samples, alert and closure events) in a
 * cluster: every node computes them alike from the same readings, the leader alone writes them, so a
 * shared store gets each once. Readings pass: the node that ingested one writes it (Ingest.onAccepted),
 * and no other node sees it there.
 */
export function leaderOnly(sink: HistorySink, isLeader: () => boolean): HistorySink {
  return {
    entry: (e) => sink.entry(e),
    sample: (s) => {
      if (isLeader()) sink.sample(s);
    },
    event: (e) => {
      if (isLeader()) sink.event(e);
    },
  };
}
