import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import { startOfBochumDay } from '../../common/bochum-time.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { instantSchema, STEP_MS } from '../../common/history.js';
import { framesOf, hoursAtOrAbove, utciAtPlaces } from '../../common/models/place-exposure.js';
import { STRONG_HEAT_STRESS_C, type Place, type PlacesExposureResponse, type PlacesResponse } from '../../common/places.js';
import type { Logger } from '../logger.js';
import type { SensorIndex } from '../registry.js';
import type { HistoryStore } from '../store/history-store.js';
import { HistoryRefusal, parseQuery, resolveRun } from './history-query.js';

export interface PlaceRouteDeps {
  store: HistoryStore;
  currentRun: () => string | null;
  sensors: SensorIndex;
  places: ReadonlyArray<Place>;
  cityNow: () => number;
  log: Logger;
}

const WEEK_MS = 7 * 86_400_000;
/** Quarter-hour means: fine enough for hours of heat, 672 points per station for the week. */
const STEP = '15m' as const;

const exposureQuerySchema = z.object({
  at: instantSchema.optional(),
  run: z.string().min(1).max(200).optional(),
});

/**
 * GET /api/places: the vulnerable places (data/places.geojson) as a flat list.
 * GET /api/places/exposure?at=&run=: per vulnerable place, the UTCI at `at` and the hours under
 * strong heat stress (UTCI ≥ 32 °C) that Bochum day and over the 7 days before, from the stations'
 * stored quarter-hour means interpolated to the place (common/models/place-exposure.ts).
 */
export function placeRoutes(d: PlaceRouteDeps): Router {
  const r = Router();
  const stations = d.sensors.ofKind('climate').flatMap((f) => (f.geometry.type === 'Point' ? [{ id: f.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }] : []));

  r.get('/places', (_req, res: Response<PlacesResponse>) => {
    res.set('Cache-Control', 'public, max-age=3600').json({ places: [...d.places] });
  });

  r.get('/places/exposure', async (req, res: Response<PlacesExposureResponse>) => {
    const q = parseQuery(exposureQuerySchema, req.query);
    const now = d.cityNow();
    const run = await resolveRun(d.store, q.run, d.currentRun);
    // Only the run being written has a future; another run (a demo tour's recording, e.g. a match day in August) has its own clock.
    const live = run === d.currentRun();
    if (q.at === undefined && !live) throw new HistoryRefusal(400, 'invalid_query', 'at: required with run= (a recorded run has no current time)');
    const at = q.at ?? now;
    if (live && at > now) throw new HistoryRefusal(400, 'invalid_range', `at (${new Date(at).toISOString()}) is after the city's current time (${new Date(now).toISOString()})`);
    const from = at - WEEK_MS;
    const series = await Promise.all(
      stations.map(async (s) => {
        const points = await d.store.series(run, 'climate', s.id, from, at, STEP);
        return { lon: s.lon, lat: s.lat, points: points.map((p) => ({ t: p.t, value: typeof p.derived.utciC === 'number' ? p.derived.utciC : null })) };
      }),
    );
    const frames = framesOf(series);
    const stepMs = STEP_MS[STEP];
    const today = hoursAtOrAbove(frames, d.places, STRONG_HEAT_STRESS_C, stepMs, startOfBochumDay(at), at);
    const week = hoursAtOrAbove(frames, d.places, STRONG_HEAT_STRESS_C, stepMs, from, at);
    // the UTCI "at" is the latest bucket still fresh by the climate freshness limit
    const last = frames.at(-1);
    const current = last && last.t >= at - STALE_AFTER_MS.climate ? utciAtPlaces(last.stations, d.places) : null;
    const round = (h: number) => Math.round(h * 100) / 100;
    res.json({
      run,
      at,
      thresholdC: STRONG_HEAT_STRESS_C,
      stepMs,
      places: d.places.map((p) => {
        const utci = current?.get(p.id);
        return {
          id: p.id,
          utciC: utci === undefined || !Number.isFinite(utci) ? null : Math.round(utci * 10) / 10,
          hoursStrongToday: round(today.get(p.id) ?? 0),
          hoursStrong7d: round(week.get(p.id) ?? 0),
        };
      }),
    });
  });

  const refusals: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (err instanceof HistoryRefusal) {
      res.status(err.status).json({ error: err.code, message: err.message });
      return;
    }
    if (res.headersSent) return next(err);
    d.log.error({ err, path: req.path }, 'place exposure request failed');
    res.status(500).json({ error: 'history_failed', message: 'the history store could not answer; see the server log' });
  };
  r.use(refusals);
  return r;
}
