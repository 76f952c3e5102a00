import type { RunInfo } from '../../common/history.js';
import type { Logger } from '../logger.js';
import type { HistoryStore } from '../store/history-store.js';
import type { Tour } from '../../common/tour.js';
import type { LoadedTour } from './tour-file.js';
import { recordWindow, writeWithRetry, type RecordDeps } from './record-window.js';

/** The series that marks a recording as complete: written last, so a recording cut short by a restart is made again. */
const COMPLETE_SERIES = 'demo-recording-complete';

export interface RecordingStatus {
  run: string | null;
  ready: boolean;
  error: string | null;
  /** city time up to which the run is written (null: nothing yet) */
  recordedTo: number | null;
}

/** The run tag of one recording of one tour version: runs are found again by it after a restart. */
export const recordingKey = (tourId: string, recordingId: string, version: string) => `demo-${tourId}-${recordingId}-${version}`;

/**
 * The recordings a tour plays, each a run of its own in the history store. `prepare()` reuses a
 * complete recording of the same tour version (same tour and scenario files) and records the rest
 * headless, one after the other in the order the chapters play them; `status()` says how far each
 * got, so the first chapter can play while the later ones are still being recorded.
 */
export class DemoRecordings {
  private readonly statuses = new Map<string, RecordingStatus>();
  private preparing: Promise<void> | null = null;

  constructor(
    readonly loaded: LoadedTour,
    private readonly deps: RecordDeps,
    private readonly log: Logger,
  ) {
    for (const r of loaded.tour.recordings) this.statuses.set(r.id, { run: null, ready: false, error: null, recordedTo: null });
  }

  status(): Record<string, RecordingStatus> {
    return Object.fromEntries([...this.statuses].map(([id, s]) => [id, { ...s }]));
  }

  /** Starts (once; again after a failure) and resolves when every recording is ready or has failed. */
  prepare(): Promise<void> {
    this.preparing ??= this.prepareAll().then(() => {
      // A failed recording (e.g. the store was away) is tried again on the next request for the tour.
      if ([...this.statuses.values()].some((s) => !s.ready)) this.preparing = null;
    });
    return this.preparing;
  }

  private async prepareAll(): Promise<void> {
    const { tour, scenarios, version } = this.loaded;
    const runs = await this.deps.store.runs();
    for (const rec of inPlayOrder(tour)) {
      const status = this.statuses.get(rec.id)!;
      if (status.ready) continue;
      status.error = null;
      const key = recordingKey(tour.id, rec.id, version);
      const to = Date.parse(rec.to);
      try {
        const existing = await this.completeRun(runs, key, to);
        if (existing) {
          Object.assign(status, { run: existing, ready: true, recordedTo: to });
          this.log.info({ tour: tour.id, recording: rec.id, run: existing }, 'demo recording reused');
          continue;
        }
        const run = await this.deps.store.openRun({ realtime: false, scenario: key, startedAt: Date.now() });
        Object.assign(status, { run: run.id, recordedTo: null });
        const t0 = performance.now();
        const done = await recordWindow(this.deps, run.id, scenarios.get(rec.scenario)!, Date.parse(rec.from), to, (t) => (status.recordedTo = t));
        await writeWithRetry(this.deps.store, run.id, { entries: [], events: [], samples: [{ kind: 'kpis', id: COMPLETE_SERIES, t: to, values: { complete: 1 } }] });
        status.ready = true;
        this.log.info({ tour: tour.id, recording: rec.id, run: run.id, ...done, seconds: +((performance.now() - t0) / 1000).toFixed(1) }, 'demo recording made');
      } catch (err) {
        status.error = (err as Error).message;
        this.log.error({ err, tour: tour.id, recording: rec.id }, 'demo recording failed');
      }
    }
  }

  /** The newest run of this recording key whose completion mark is written. */
  private async completeRun(runs: RunInfo[], key: string, to: number): Promise<string | null> {
    for (const run of runs.filter((r) => r.scenario === key)) {
      const marks = await this.deps.store.series(run.id, 'kpis', COMPLETE_SERIES, to, to, 'raw');
      if (marks.length > 0) return run.id;
    }
    return null;
  }
}

/** The tour's recordings in the order its chapters first play them (recordings no chapter plays last). */
export function inPlayOrder(tour: Tour): Tour['recordings'] {
  const rank = (id: string) => {
    const i = tour.chapters.findIndex((c) => c.recording === id);
    return i < 0 ? tour.chapters.length : i;
  };
  return [...tour.recordings].sort((a, b) => rank(a.id) - rank(b.id));
}
