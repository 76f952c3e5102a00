import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { evGrowthSchema, type DemoResponse, type EvGrowth } from '../../common/tour.js';
import { readJsonFile } from '../json-file.js';
import type { Logger } from '../logger.js';
import { DATA_DIR, SCENARIO_DIR } from '../paths.js';
import { DemoRecordings } from './demo-recordings.js';
import type { RecordDeps } from './record-window.js';
import { loadTour, tourFile, type TourRefs } from './tour-file.js';

export interface DemoDeps extends RecordDeps {
  refs: TourRefs;
  log: Logger;
  scenarioDir?: string;
}

/**
 * The tours the server plays: each is loaded and its recordings prepared on the first request
 * for it (or at start with DEMO=<tour>, see `prepare`), then served from memory.
 */
export class DemoTours {
  private readonly tours = new Map<string, DemoRecordings>();
  private evGrowth: EvGrowth | null | undefined;

  constructor(private readonly d: DemoDeps) {}

  /** Loads a tour (throws with a clear message if it is broken) and starts recording what it needs. */
  prepare(id: string): DemoRecordings {
    let rec = this.tours.get(id);
    if (!rec) {
      rec = new DemoRecordings(loadTour(id, this.d.refs, this.d.scenarioDir ?? SCENARIO_DIR), this.d, this.d.log);
      this.tours.set(id, rec);
      void rec.prepare();
    }
    return rec;
  }

  response(id: string): DemoResponse {
    const rec = this.prepare(id);
    return { tour: rec.loaded.tour, version: rec.loaded.version, recordings: rec.status(), figures: { 'ev-growth': this.figure() } };
  }

  private figure(): EvGrowth | null {
    if (this.evGrowth === undefined) {
      const file = path.join(DATA_DIR, 'mobility', 'ev-growth.json');
      try {
        this.evGrowth = readJsonFile(file, evGrowthSchema, 'EV growth table');
      } catch (err) {
        this.d.log.warn({ err }, 'EV growth figure not available');
        this.evGrowth = null;
      }
    }
    return this.evGrowth;
  }
}

/** GET /api/demo/:tour — read-only, for anonymous viewers like the rest of the read API. */
export function demoRoutes(tours: DemoTours, scenarioDir = SCENARIO_DIR): Router {
  const r = Router();
  r.get('/:tour', (req, res) => {
    const id = req.params.tour;
    if (!/^[a-z0-9-]+$/.test(id) || !existsSync(tourFile(id, scenarioDir))) {
      res.status(404).json({ error: 'unknown_tour', message: `no tour "${id}" in scenarios/tours/` });
      return;
    }
    try {
      res.json(tours.response(id));
    } catch (err) {
      res.status(500).json({ error: 'invalid_tour', message: (err as Error).message });
    }
  });
  return r;
}
