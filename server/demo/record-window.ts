import { pino } from 'pino';
import type { Reading } from '../../common/readings.js';
import { loadDistrictGrid, type DistrictGrid } from '../heat/district-grid.js';
import { HeatMonitor } from '../heat/heat-monitor.js';
import { HeatStage } from '../heat/heat-stage.js';
import { Ingest } from '../ingest/ingest.js';
import { KpiSampler } from '../pipeline/kpi-sampler.js';
import type { Stage } from '../pipeline/stage.js';
import type { SensorIndex } from '../registry.js';
import { ClimateReplay } from '../replay/climate-replay.js';
import { runClimateLead } from '../replay/climate-lead-in.js';
import { PendingBatch, sliceYielder } from '../pipeline/pending-batch.js';
import type { Scenario } from '../simulator/scenario.js';
import { Simulator } from '../simulator/simulator.js';
import { LiveState } from '../state/live-state.js';
import type { HistoryStore, HistoryWriteBatch } from '../store/history-store.js';
import { ClosuresStage } from '../traffic/closures-stage.js';
import { ClosureStore } from '../traffic/closures.js';
import type { Network } from '../../common/models/traffic-network.js';
import { linkStreets, twinDetectors } from '../traffic/road-network.js';
import { TrafficTwin } from '../traffic/traffic-twin.js';

/** City time between two pipeline ticks of a recording: the live server's 1 s tick at the default ×10. */
export const RECORD_TICK_MS = 10_000;
/** Items per store write: one transaction stays short, so a live server beside it is not held up. */
const WRITE_BATCH = 1_000;
/** A SQLite file is shared with the live server's writer: a write that finds it locked waits and tries again. */
const WRITE_ATTEMPTS = 20;
/** Ticks between two writes (5 min of city time): what is written can be played while the rest is recorded. */
const TICKS_PER_WRITE = 30;
/** Work between two yields to the event loop, so the live server beside the recording keeps answering (an A40 tick reroutes the city and can take 100 ms on a busy box). */
const SLICE_MS = 40;

export interface RecordDeps {
  store: HistoryStore;
  sensors: SensorIndex;
  roads: Network;
  grid?: DistrictGrid;
}

/**
 * Runs a scenario's feeds headless at full speed over [from, to] of city time — simulator, traffic
 * twin and climate replay as server/app.ts wires them — through an Ingest and the heat, closure and
 * KPI stages, and writes everything the live pipeline would record into `run`. Deterministic: the
 * feeds are seeded by the scenario, so the same window gives the same rows.
 */
export async function recordWindow(
  d: RecordDeps,
  run: string,
  scenario: Scenario,
  from: number,
  to: number,
  /** told the city time up to which everything is in the store, after each write */
  onProgress: (recordedTo: number) => void = () => {},
): Promise<{ entries: number; ticks: number }> {
  let now = from;
  const cityNow = () => now;
  const closures = new ClosureStore(linkStreets(d.roads), cityNow);
  const replay = scenario.climateReplay ? new ClimateReplay(scenario.climateReplay.file) : null;
  const kinds = new Set<'climate' | 'parking' | 'charging'>(replay ? ['parking', 'charging'] : ['climate', 'parking', 'charging']);
  const sources: Array<{ step(t: number): Reading[] }> = [
    new Simulator(scenario, d.sensors, from, kinds),
    new TrafficTwin({ network: d.roads, detectors: twinDetectors(d.sensors), closures, start: from, dayType: scenario.dayType, events: scenario.events, scheduled: scenario.closures }),
    ...(replay ? [replay] : []),
  ];
  const pending = new PendingBatch();
  const sink = pending.sink;
  let count = 0;
  const state = new LiveState();
  const ingest = new Ingest(d.sensors, state, cityNow, pino({ level: 'silent' }));
  ingest.onAccepted((e) => sink.entry(e));
  const grid = d.grid ?? loadDistrictGrid();
  const properties = new Map([...d.sensors.byId].map(([id, f]) => [id, f.properties]));
  const heat = new HeatStage(new HeatMonitor(d.sensors, grid), state, sink);
  const stages: Stage[] = [heat, new ClosuresStage(closures, sink, cityNow), new KpiSampler(state, properties, sink)];

  const flush = async () => {
    while (pending.size > 0) {
      const batch = pending.take(WRITE_BATCH);
      count += batch.entries.length;
      await writeWithRetry(d.store, run, batch);
    }
  };
  let ticks = 0;
  const yieldNow = sliceYielder(SLICE_MS);
  // the replay's week before the window, climate and heat only (server/replay/climate-lead-in.ts)
  if (replay) await runClimateLead({ replay, ingest, state, heat, pending, flush }, from, (t) => (now = t), WRITE_BATCH);
  for (now = from; now <= to; now += RECORD_TICK_MS) {
    for (const s of sources) for (const r of s.step(now)) ingest.submit(r, 'demo-recording');
    const ctx = { cityTime: now, entries: state.drainChanged() };
    for (const stage of stages) stage.tick(ctx);
    ticks += 1;
    if (ticks % TICKS_PER_WRITE === 0) {
      // Everything up to `now` is written once the whole backlog is: a player may show it while the rest is recorded.
      await flush();
      onProgress(now);
    }
    await yieldNow();
  }
  await flush();
  onProgress(to);
  return { entries: count, ticks };
}

export async function writeWithRetry(store: HistoryStore, run: string, batch: HistoryWriteBatch): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.write(run, batch);
      return;
    } catch (err) {
      const busy = /locked|busy/i.test((err as Error).message);
      if (!busy || attempt >= WRITE_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
