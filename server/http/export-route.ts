import type { RequestHandler } from 'express';
import { exportQuerySchema, MAX_EXPORT_ROWS, type HistoryPoint, type HistoryStep } from '../../common/history.js';
import { sliceYielder } from '../ingest/yielding.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import type { SensorFeature } from '../../common/sensors.js';
import { bochumFileStamp } from '../export/file-stamp.js';
import { CsvColumns, historyCsvParts } from '../export/csv.js';
import { sensorStateCollection } from '../export/geojson.js';
import { sendJsonInSlices } from './json-in-slices.js';
import { sendTextInParts } from './text-in-parts.js';
import type { HistoryRouteDeps } from './history-routes.js';
import { enforcePointLimit, HistoryRefusal, parseQuery, resolveRange, resolveRun } from './history-query.js';

/**
 * GET /api/export?kind=&from=&to=&step=&format=csv|geojson[&ids=a,b]: the history of a kind's sensors
 * as one CSV file (one row per sensor per point), or the sensors with their values at `to` as GeoJSON.
 */
export function exportHandler(d: Pick<HistoryRouteDeps, 'store' | 'currentRun' | 'sensors' | 'cityNow'>): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(exportQuerySchema, req.query);
    const run = await resolveRun(d.store, q.run, d.currentRun);
    const { from, to, step } = resolveRange(q, d.cityNow());
    const sensors = pickSensors(d.sensors.ofKind(q.kind), q.kind, q.ids);

    if (q.format === 'geojson') {
      const pages = d.store.stateAtPages(run, to, (kind) => STALE_AFTER_MS[kind], [q.kind]);
      const picked = q.ids === undefined ? null : new Map(sensors.map((f) => [f.id, f]));
      const sensorOf = picked ? (id: string) => picked.get(id) : (id: string) => ifOfKind(d.sensors.get(id), q.kind);
      res.attachment(`stadtpuls-${q.kind}-${bochumFileStamp(to)}.geojson`);
      await sendJsonInSlices(res, sensorStateCollection(sensors, sensorOf, pages, to), 'features', 'application/geo+json');
      return;
    }

    // a batch of sensors at a time, yielding between them: at SCALE a kind has 15,000 sensors, each a read of the store
    const breathe = sliceYielder();
    const batches = Array.from({ length: Math.ceil(sensors.length / SENSORS_PER_READ) }, (_, i) => sensors.slice(i * SENSORS_PER_READ, (i + 1) * SENSORS_PER_READ).map((f) => f.id));
    const rows = async (s: HistoryStep) => {
      let total = 0;
      for (const ids of batches) {
        total += await d.store.countPointsMany(run, q.kind, ids, from, to, s);
        await breathe();
      }
      return total;
    };
    await enforcePointLimit(rows, step, MAX_EXPORT_ROWS, 'one file');
    const series: Array<{ sensorId: string; points: HistoryPoint[] }> = [];
    const columns = new CsvColumns();
    for (const ids of batches) {
      const points = await d.store.seriesMany(run, q.kind, ids, from, to, step);
      ids.forEach((sensorId, i) => {
        series.push({ sensorId, points: points[i]! });
        columns.add(points[i]!);
      });
      await breathe();
    }
    res.attachment(`stadtpuls-${q.kind}-${bochumFileStamp(from)}-${bochumFileStamp(to)}-${step}.csv`);
    await sendTextInParts(res, 'text/csv; charset=utf-8; header=present', historyCsvParts(series, columns));
  };
}

/**
 * Sensors read together, in one read transaction of SQLite: in the climate kind's file at SCALE a sensor's series took
 * 25 µs to read and its count 3 µs (medians), so a batch is a few ms.
 */
const SENSORS_PER_READ = 200;

/** The sensor if it is of the kind (an entry's sensor id may name another kind's). */
const ifOfKind = (f: SensorFeature | undefined, kind: string) => (f?.properties.kind === kind ? f : undefined);

/** The sensors named in `ids` (each must be a registered sensor of the kind), or all of the kind. */
function pickSensors(ofKind: SensorFeature[], kind: string, ids: string[] | undefined): SensorFeature[] {
  if (ids === undefined) return ofKind;
  const byId = new Map(ofKind.map((f) => [f.id, f]));
  const wanted = [...new Set(ids)];
  const unknown = wanted.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((id) => `"${id}"`).join(', ');
    throw new HistoryRefusal(400, 'unknown_sensor', `no ${kind} sensor ${shown}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''} (GET /api/sensors lists them)`);
  }
  return wanted.map((id) => byId.get(id)!);
}
