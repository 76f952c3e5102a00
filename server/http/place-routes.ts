import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import { startOfBochumDay } from '../../common/bochum-time.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { instantSchema, STEP_MS } from '../../common/history.js';
import { HoursAtOrAbove, PlaceNeighbourhoods } from '../../common/models/place-exposure.js';
import { STRONG_HEAT_STRESS_C, type Place, type PlacesExposureResponse, type PlacesResponse } from '../../common/places.js';
import { sliceYielder } from '../ingest/yielding.js';
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
  // the places' nearest stations, found at the first request (places and stations do not move)
  let neighbourhoods: PlaceNeighbourhoods | undefined;
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
    const nb = (neighbourhoods ??= new PlaceNeighbourhoods(stations, d.places));
    // bucket start → UTCI per weighed station; read station by station, yielding now and then: at SCALE thousands of series
    const buckets = new Map<number, Float64Array>();
    const breathe = sliceYielder();
    for (let w = 0; w < nb.weighed.length; w++) {
      const points = await d.store.series(run, 'climate', stations[nb.weighed[w]].id, from, at, STEP);
      for (const p of points) {
        if (typeof p.derived.utciC !== 'number' || !Number.isFinite(p.derived.utciC)) continue;
        let values = buckets.get(p.t);
        if (!values) buckets.set(p.t, (values = new Float64Array(nb.weighed.length).fill(NaN)));
        values[w] = p.derived.utciC;
      }
      await breathe();
    }
    const stepMs = STEP_MS[STEP];
    const hours = new HoursAtOrAbove(d.places.length, STRONG_HEAT_STRESS_C, stepMs, [
      { from: startOfBochumDay(at), to: at },
      { from, to: at },
    ]);
    const starts = [...buckets.keys()].sort((a, b) => a - b);
    const utci = new Float64Array(d.places.length);
    for (const t of starts) {
      hours.add(t, nb.utci(buckets.get(t)!, utci));
      await breathe();
    }
    const [today, week] = hours.hours;
    // the UTCI "at" is the latest bucket still fresh by the climate freshness limit (`utci` holds the last bucket's)
    const last = starts.at(-1);
    const current = last !== undefined && last >= at - STALE_AFTER_MS.climate ? utci : null;
    const round = (h: number) => Math.round(h * 100) / 100;
    res.json({
      run,
      at,
      thresholdC: STRONG_HEAT_STRESS_C,
      stepMs,
      places: d.places.map((p, i) => {
        const utciC = current?.[i];
        return {
          id: p.id,
          utciC: utciC === undefined || !Number.isFinite(utciC) ? null : Math.round(utciC * 10) / 10,
          hoursStrongToday: round(today[i]),
          hoursStrong7d: round(week[i]),
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
