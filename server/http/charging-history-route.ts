import path from 'node:path';
import { Router, type Response } from 'express';
import { bochumDayKey, startOfBochumDay } from '../../common/bochum-time.js';
import {
  CHARGING_BUCKETS,
  chargingHistoryQuerySchema,
  MAX_CHARGING_DAYS,
  type ChargingHistoryResponse,
  type EvRegistrationsResponse,
} from '../../common/charging-history.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { cityDay, siteDay, type ChargingSample, type DayGrid } from '../../common/models/charging-history.js';
import { CHARGE_POINT_STATUSES, type ChargePointStatus } from '../../common/readings.js';
import { evGrowthSchema, type EvGrowth } from '../../common/tour.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';
import type { HistoryRouteDeps } from './history-routes.js';
import { HistoryRefusal, parseQuery, resolveRun } from './history-query.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** 1 min rollups up to two days (24 sites × 2,880 points), quarter hours beyond. */
const FINE_UP_TO_MS = 2 * DAY_MS;
const EV_MONTHLY_FILE = path.join(DATA_DIR, 'mobility', 'ev-monthly.json');

/** A Bochum calendar day as [midnight, next midnight): 23 or 25 h on the DST switch days. */
function bochumDay(key: string): { from: number; to: number } {
  const [y, m, d] = key.split('-').map(Number);
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  if (Number.isNaN(noonUtc) || bochumDayKey(noonUtc) !== key) throw new HistoryRefusal(400, 'invalid_query', `date: ${key} is not a calendar day`);
  const from = startOfBochumDay(noonUtc);
  return { from, to: startOfBochumDay(from + 36 * HOUR_MS) };
}

/**
 * GET /api/history/charging?date=|from=&to=&bucket=&run=: a charging day for planners (issue 11), per
 * site and for the city: free / occupied / out-of-order points per bucket and the utilisation (share of
 * point-hours occupied), from the sites' stored 1 min rollups (common/models/charging-history.ts).
 * GET /api/mobility/ev-registrations: electric vehicles registered in Bochum per month against the
 * public charge points in the registry (today's count; no open register has their history).
 */
export function chargingHistoryRoutes(d: HistoryRouteDeps): Router {
  const r = Router();

  r.get('/history/charging', async (req, res: Response<ChargingHistoryResponse>) => {
    const q = parseQuery(chargingHistoryQuerySchema, req.query);
    const run = await resolveRun(d.store, q.run, d.currentRun);
    let from: number;
    let to: number;
    if (q.from !== undefined || q.to !== undefined) {
      to = q.to ?? d.cityNow();
      from = q.from ?? startOfBochumDay(to);
    } else ({ from, to } = bochumDay(q.date ?? bochumDayKey(d.cityNow())));
    if (from >= to) throw new HistoryRefusal(400, 'invalid_range', `from (${new Date(from).toISOString()}) is not before to (${new Date(to).toISOString()})`);
    if (to - from > MAX_CHARGING_DAYS * DAY_MS) {
      throw new HistoryRefusal(400, 'invalid_range', `the period is ${Math.ceil((to - from) / DAY_MS)} days; at most ${MAX_CHARGING_DAYS} are aggregated in one request`);
    }
    const holdMs = STALE_AFTER_MS.charging;
    const grid: DayGrid = { from, to, bucketMs: CHARGING_BUCKETS[q.bucket], holdMs };
    const step = to - from <= FINE_UP_TO_MS ? '1m' : '15m';
    const sites = d.sensors.ofKind('charging').filter((s) => !s.properties.generated);
    const days = await Promise.all(
      sites.map(async (s) => {
        // From one hold earlier: the status reported before the period still holds into it.
        const points = await d.store.series(run, 'charging', s.id, from - holdMs, to, step);
        const samples: ChargingSample[] = points.map((p) => {
          const counts: Partial<Record<ChargePointStatus, number>> = {};
          for (const status of CHARGE_POINT_STATUSES) {
            const n = p.derived[status];
            if (typeof n === 'number') counts[status] = n;
          }
          return { t: p.t, counts };
        });
        const day = siteDay(samples, grid);
        const { name, district, points: chargePoints, synthetic } = s.properties;
        return { id: s.id, name, district, points: chargePoints.length, synthetic: synthetic === true, ...day };
      }),
    );
    res.json({ run, from, to, bucketMs: grid.bucketMs, holdMs, step, city: cityDay(days, grid), sites: days });
  });

  let registrations: EvGrowth | undefined;
  r.get('/mobility/ev-registrations', (_req, res: Response<EvRegistrationsResponse>) => {
    // Read on first use: a missing table is a 503 for this chart, not a server that will not start.
    try {
      registrations ??= readJsonFile(EV_MONTHLY_FILE, evGrowthSchema, 'EV registrations table');
    } catch (err) {
      d.log.warn({ err }, 'EV registrations not available');
      throw new HistoryRefusal(503, 'ev_registrations_unavailable', 'the table of registered electric vehicles (data/mobility/ev-monthly.json) is missing or invalid; rebuild it with data/build/build-ev-growth.ts');
    }
    const sites = d.sensors.ofKind('charging').filter((s) => !s.properties.generated);
    const synthetic = sites.every((s) => s.properties.synthetic === true);
    res.set('Cache-Control', 'public, max-age=3600').json({
      registrations,
      chargePoints: {
        points: sites.reduce((n, s) => n + s.properties.points.length, 0),
        sites: sites.length,
        synthetic,
        source: synthetic ? 'Stadtpuls registry (data/sensors.geojson): synthetic sites, no open charging register for Bochum' : 'Stadtpuls registry (data/sensors.geojson)',
      },
    });
  });

  return r;
}
