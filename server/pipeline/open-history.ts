import type { RunInfo } from '../../common/history.js';
import type { Logger } from '../logger.js';
import type { HistoryStore } from '../store/history-store.js';
import type { HistoryWriter } from '../store/history-writer.js';
import { createHistoryStore, createHistoryWriter, type StoreConfig } from '../store/store-config.js';
import type { HistorySink } from './history-sink.js';

export interface OpenedHistory {
  store: HistoryStore;
  run: RunInfo;
  writer: HistoryWriter;
  sink: HistorySink;
}

/** A city clock within this much of the wall clock, running at ×1, is real time. */
const REALTIME_SKEW_MS = 60_000;

/** Whether the city clock is the real one: then all data belongs to the one real-time run. */
export function isRealTime(clock: { speed: number; now(): number } | null, wallNow = Date.now()): boolean {
  return clock === null || (clock.speed === 1 && Math.abs(clock.now() - wallNow) <= REALTIME_SKEW_MS);
}

/**
 * Opens the configured store, the run this process writes (the real-time run again, or a new one
 * for a simulated scenario start) and the writer stage that feeds it.
 */
export async function openHistory(
  config: StoreConfig,
  o: { realtime: boolean; scenario: string | null; cityNow: () => number; log: Logger; /** generated sensors whose readings the history thins (0: none) */ generatedSensors?: number },
): Promise<OpenedHistory> {
  const store = await createHistoryStore(config);
  const run = await store.openRun({ realtime: o.realtime, scenario: o.scenario, startedAt: Date.now() });
  const writer = createHistoryWriter(config, store, {
    cityNow: o.cityNow,
    generatedSensors: o.generatedSensors,
    onError: (err, during) => o.log.error({ err, during }, 'history store write failed'),
  });
  writer.setRun(run.id);
  await writer.ready();
  const sink: HistorySink = {
    entry: (e, generated) => writer.addEntry(e, generated),
    sample: (s) => writer.addSample(s),
    event: (e) => writer.addEvent(e),
    generatedBacklog: () => writer.generatedBacklog(),
  };
  return { store, run, writer, sink };
}
