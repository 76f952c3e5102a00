import { existsSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { evGrowthSchema, highlightKey, type DemoResponse, type EvGrowth, type Tour } from '../../common/tour.js';
import { readJsonFile } from '../json-file.js';
import type { Logger } from '../logger.js';
import { DATA_DIR, SCENARIO_DIR } from '../paths.js';
import { DemoRecordings } from './demo-recordings.js';
import type { RecordDeps } from './record-window.js';
import { DEFAULT_TOURS_DIR, loadTour, tourFile, type TourRefs } from './tour-file.js';

export interface DemoDeps extends RecordDeps {
  refs: TourRefs;
  log: Logger;
  scenarioDir?: string;
  /** default scenarios/tours */
  toursDir?: string;
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
      const scenarioDir = this.d.scenarioDir ?? SCENARIO_DIR;
      rec = new DemoRecordings(loadTour(id, this.d.refs, scenarioDir, this.d.toursDir ?? path.join(scenarioDir, 'tours')), this.d, this.d.log);
      this.tours.set(id, rec);
      void rec.prepare();
    }
    return rec;
  }

  response(id: string): DemoResponse {
    const rec = this.prepare(id);
    void rec.prepare();
    return { tour: rec.loaded.tour, version: rec.loaded.version, recordings: rec.status(), figures: { 'ev-growth': this.figure() }, places: this.places(rec.loaded.tour) };
  }

  /** A point for every highlighted object: a sensor's position (a detector's middle vertex), a link's midpoint. */
  private places(tour: Tour): Record<string, [number, number]> {
    const out: Record<string, [number, number]> = {};
    for (const h of tour.chapters.flatMap((c) => c.steps.flatMap((s) => s.highlight))) {
      const key = highlightKey(h);
      if (h.type === 'place') out[key] = h.at;
      else if (h.type === 'sensor') {
        const g = this.d.sensors.byId.get(h.id)?.geometry;
        if (g?.type === 'Point') out[key] = g.coordinates as [number, number];
        else if (g?.type === 'LineString') out[key] = g.coordinates[Math.floor(g.coordinates.length / 2)] as [number, number];
      } else {
        const i = this.d.roads.linkIndex.get(h.id);
        if (i === undefined) continue;
        const link = this.d.roads.links[i];
        const [a, b] = [this.d.roads.nodes[link.from].at, this.d.roads.nodes[link.to].at];
        out[key] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
      }
    }
    return out;
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
export function demoRoutes(tours: DemoTours, toursDir = DEFAULT_TOURS_DIR): Router {
  const r = Router();
  r.get('/:tour', (req, res) => {
    const id = req.params.tour;
    if (!/^[a-z0-9-]+$/.test(id) || !existsSync(tourFile(id, toursDir))) {
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
