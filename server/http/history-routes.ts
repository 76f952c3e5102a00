import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { historyQuerySchema, MAX_POINTS_PER_RESPONSE, stateAtQuerySchema, type LinkHistory, type RunsResponse, type SeriesHistory } from '../../common/history.js';
import type { Logger } from '../logger.js';
import type { SensorIndex } from '../registry.js';
import type { HistoryStore, SeriesKind } from '../store/history-store.js';
import { chargingHistoryRoutes } from './charging-history-route.js';
import { climateIndicatorsHandler } from './climate-indicators-route.js';
import { exportHandler } from './export-route.js';
import type { ExportThread } from '../export/export-thread.js';
import { enforcePointLimit, HistoryRefusal, parseQuery, resolveRange, resolveRun } from './history-query.js';
import { mergeDetectorSeries } from './link-series.js';
import { sendJsonInSlices } from './json-in-slices.js';
import type { PastStateColumnsEncoder } from './past-state-columns.js';
import { pastState } from './state-at.js';

export interface HistoryRouteDeps {
  store: HistoryStore;
  /** the run this server writes; null until the store has opened it */
  currentRun: () => string | null;
  sensors: SensorIndex;
  /** the Stadtbezirke (id and name), as the heat figures know them */
  districts: ReadonlyArray<{ id: string; name: string }>;
  /** street name per road-graph link id (data/roads.geojson) */
  links: ReadonlyMap<string, string>;
  cityNow: () => number;
  /** the stream's sequence number and instance, for /api/state?at= */
  live: () => { seq: number; instance: string };
  /** /api/state?at=&format=columns, in the live stream's registry order */
  pastColumns: PastStateColumnsEncoder;
  /** a SQLite store's export thread (null or absent: exports are read and made on the event loop, as for PostgreSQL) */
  exportThread?: ExportThread | null;
  log: Logger;
}

/**
 * The history API (docs/protocol.md, "History and export"): series of a sensor, a district, a road
 * link and the city KPIs; the runs; the city at a past instant (GET /api/state?at=); export as CSV
 * or GeoJSON. Mounted on /api before the live routes: /api/state without `at` falls through to them.
 */
export function historyRoutes(d: HistoryRouteDeps): Router {
  const r = Router();
  const detectorsOfLink = new Map<string, string[]>();
  for (const f of d.sensors.ofKind('traffic')) {
    if (f.properties.linkId) detectorsOfLink.set(f.properties.linkId, [...(detectorsOfLink.get(f.properties.linkId) ?? []), f.id]);
  }
  const districtIds = new Set(d.districts.map((x) => x.id));

  /** One series, with the query read, the run resolved and the point limit enforced. */
  async function seriesAnswer(req: Request, kind: SeriesKind, id: string): Promise<SeriesHistory> {
    const q = parseQuery(historyQuerySchema, req.query);
    const run = await resolveRun(d.store, q.run, d.currentRun);
    const { from, to, step } = resolveRange(q, d.cityNow());
    await enforcePointLimit((s) => d.store.countPoints(run, kind, id, from, to, s), step, MAX_POINTS_PER_RESPONSE, 'one response');
    const points = await d.store.series(run, kind, id, from, to, step);
    return { id, kind, run, step, from, to, points };
  }

  r.get('/history/runs', async (_req, res: Response<RunsResponse>) => {
    const runs = await d.store.runs();
    res.json({ current: d.currentRun(), runs: [...runs].sort((a, b) => b.startedAt - a.startedAt) });
  });

  r.get('/history/sensors/:id', async (req, res) => {
    const sensor = d.sensors.get(req.params.id);
    if (!sensor) throw new HistoryRefusal(404, 'unknown_sensor', `no sensor "${req.params.id}" (GET /api/sensors lists them)`);
    res.json(await seriesAnswer(req, sensor.properties.kind, sensor.id));
  });

  r.get('/history/districts/:id', async (req, res) => {
    if (!districtIds.has(req.params.id)) {
      throw new HistoryRefusal(404, 'unknown_district', `no district "${req.params.id}"; the districts are ${[...districtIds].join(', ')}`);
    }
    res.json(await seriesAnswer(req, 'district', req.params.id));
  });

  r.get('/history/kpis', async (req, res) => {
    res.json(await seriesAnswer(req, 'kpis', 'city'));
  });

  r.get('/history/links/:id', async (req, res: Response<LinkHistory>) => {
    const street = d.links.get(req.params.id);
    if (street === undefined) throw new HistoryRefusal(404, 'unknown_link', `no road link "${req.params.id}" (ids as in data/roads.geojson)`);
    const sensorIds = detectorsOfLink.get(req.params.id);
    if (!sensorIds) throw new HistoryRefusal(404, 'no_detector', `no detector measures link "${req.params.id}" (${street}), so it has no measured history`);
    const q = parseQuery(historyQuerySchema, req.query);
    const run = await resolveRun(d.store, q.run, d.currentRun);
    const { from, to, step } = resolveRange(q, d.cityNow());
    const count = async (s: typeof step) => {
      const counts = await Promise.all(sensorIds.map((id) => d.store.countPoints(run, 'traffic', id, from, to, s)));
      return counts.reduce((a, b) => a + b, 0);
    };
    await enforcePointLimit(count, step, MAX_POINTS_PER_RESPONSE, 'one response');
    const series = await Promise.all(sensorIds.map((id) => d.store.series(run, 'traffic', id, from, to, step)));
    res.json({ id: req.params.id, kind: 'link', street, sensorIds, run, step, from, to, points: mergeDetectorSeries(series) });
  });

  r.get('/state', async (req, res, next) => {
    if (req.query.at === undefined) return next();
    const q = parseQuery(stateAtQuerySchema, req.query);
    const now = d.cityNow();
    const run = await resolveRun(d.store, q.run, d.currentRun);
    // Only the run being written has a future; another run (a recorded demo window) has its own clock.
    if (run === d.currentRun() && q.at > now) throw new HistoryRefusal(400, 'invalid_range', `at (${new Date(q.at).toISOString()}) is after the city's current time (${new Date(now).toISOString()})`);
    const state = await pastState(d, run, q.at);
    if (q.format === 'columns') res.json(await d.pastColumns.encode(state));
    else await sendJsonInSlices(res, state, 'entries');
  });

  r.get('/history/climate-indicators', climateIndicatorsHandler(d));
  r.use(chargingHistoryRoutes(d));

  r.get('/export', exportHandler(d));

  const refusals: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (err instanceof HistoryRefusal) {
      res.status(err.status).json({ error: err.code, message: err.message });
      return;
    }
    if (res.headersSent) return next(err);
    d.log.error({ err, path: req.path }, 'history request failed');
    res.status(500).json({ error: 'history_failed', message: 'the history store could not answer; see the server log' });
  };
  r.use(refusals);
  return r;
}
