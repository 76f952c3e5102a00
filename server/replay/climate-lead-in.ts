import { pino } from 'pino';
import type { DistrictGrid } from '../heat/district-grid.js';
import { HeatMonitor } from '../heat/heat-monitor.js';
import { HeatStage } from '../heat/heat-stage.js';
import { Ingest } from '../ingest/ingest.js';
import { PendingBatch, sliceYielder } from '../pipeline/pending-batch.js';
import type { SensorIndex } from '../registry.js';
import { LiveState } from '../state/live-state.js';
import type { HistoryStore } from '../store/history-store.js';
import { ClimateReplay } from './climate-replay.js';

/**
 * City time before a scenario's start (or a demo recording's window) that its climate replay is taken in
 * for: the week the places' exposure looks back on. Hours under heat stress today then count from midnight
 * of the replayed day and over 7 days from the week before, night minima and a station's chart show the
 * replayed days — not a city that began at the start (the demo's heat chapter at 13:08 said "0,3 h today",
 * a planner's 15:00 on 13 Aug "0,0 h").
 */
const CLIMATE_LEAD_MS = 7 * 86_400_000;
/** The benches report every 5 minutes: a step as long takes every reading and costs a 60th of 5-second ticks. */
const LEAD_TICK_MS = 5 * 60_000;
/** Work between two yields to the event loop, so a live server taking in a lead keeps answering. */
const SLICE_MS = 40;

export interface LeadInParts {
  replay: ClimateReplay;
  ingest: Ingest;
  state: LiveState;
  heat: HeatStage;
  /** where the heat stage's samples and the accepted readings wait (the ingest's onAccepted writes there) */
  pending: PendingBatch;
  /** writes what `pending` holds (called once it holds `batch` items, and at the end) */
  flush: () => Promise<void>;
}

/**
 * Steps `replay` from the lead's start up to (not including) `from` through the ingest and heat stage given:
 * climate readings and district samples only (the other feeds begin at `from`).
 */
export async function runClimateLead(p: LeadInParts, from: number, setNow: (t: number) => void, batch = 1_000): Promise<void> {
  const yieldNow = sliceYielder(SLICE_MS);
  for (let now = Math.max(p.replay.firstTs, from - CLIMATE_LEAD_MS); now < from; now += LEAD_TICK_MS) {
    setNow(now);
    for (const r of p.replay.step(now)) p.ingest.submit(r, 'climate-lead-in');
    p.heat.tick({ cityTime: now, entries: p.state.drainChanged() });
    if (p.pending.size >= batch) await p.flush();
    await yieldNow();
  }
  await p.flush();
}

/**
 * The lead of a live run that starts a scenario with a climate replay: its own ingest, state and heat stage
 * write into `run`, and the live heat monitor then resumes from the store like after a restart
 * (server/pipeline/resume-run.ts). Returns the readings written.
 */
export async function writeClimateLead(d: { store: HistoryStore; sensors: SensorIndex; grid: DistrictGrid }, run: string, replayFile: string, from: number): Promise<number> {
  let now = from;
  const pending = new PendingBatch();
  const state = new LiveState();
  const ingest = new Ingest(d.sensors, state, () => now, pino({ level: 'silent' }));
  ingest.onAccepted((e) => pending.sink.entry(e));
  let written = 0;
  const flush = async () => {
    if (pending.size === 0) return;
    const batch = pending.take();
    written += batch.entries.length;
    await d.store.write(run, batch);
  };
  const heat = new HeatStage(new HeatMonitor(d.sensors, d.grid), state, pending.sink);
  await runClimateLead({ replay: new ClimateReplay(replayFile), ingest, state, heat, pending, flush }, from, (t) => (now = t));
  return written;
}
