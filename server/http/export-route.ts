import type { RequestHandler } from 'express';
import { exportQuerySchema, MAX_EXPORT_ROWS, type HistoryPoint, type HistoryStep } from '../../common/history.js';
import { sliceYielder } from '../ingest/yielding.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import type { SensorFeature } from '../../common/sensors.js';
import { bochumFileStamp } from '../export/file-stamp.js';
import { CsvColumns, historyCsvParts } from '../export/csv.js';
import { sensorOfKind, sensorStateCollection } from '../export/geojson.js';
import { SENSORS_PER_READ } from '../export/export-protocol.js';
import { sendJsonInSlices } from './json-in-slices.js';
import { sendTextInParts } from './text-in-parts.js';
import type { HistoryRouteDeps } from './history-routes.js';
import { enforcePointLimit, HistoryRefusal, parseQuery, resolveRange, resolveRun } from './history-query.js';

/**
 * GET /api/export?kind=&from=&to=&step=&format=csv|geojson[&ids=a,b]: the history of a kind's sensors
 * as one CSV file (one row per sensor per point), or the sensors with their values at `to` as GeoJSON.
 */
export function exportHandler(d: Pick<HistoryRouteDeps, 'store' | 'currentRun' | 'sensors' | 'cityNow' | 'exportThread'>): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(exportQuerySchema, req.query);
    const run = await resolveRun(d.store, q.run, d.currentRun);
    const { from, to, step } = resolveRange(q, d.cityNow());
    const sensors = pickSensors(d.sensors.ofKind(q.kind), q.kind, q.ids);

    if (q.format === 'geojson') {
      const name = `stadtpuls-${q.kind}-${bochumFileStamp(to)}.geojson`;
      if (d.exportThread) {
        // SQLite: read and made in a thread of its own (export-worker.ts); the event loop only writes its bytes
        res.attachment(name);
        await sendTextInParts(res, 'application/geo+json', d.exportThread.geojson({ run, kind: q.kind, ids: q.ids === undefined ? null : sensors.map((f) => f.id), at: to }));
        return;
      }
      const pages = d.store.stateAtPages(run, to, (kind) => STALE_AFTER_MS[kind], [q.kind]);
      const picked = q.ids === undefined ? null : new Map(sensors.map((f) => [f.id, f]));
      const sensorOf = picked ? (id: string) => picked.get(id) : (id: string) => sensorOfKind(d.sensors.get(id), q.kind);
      res.attachment(name);
      await sendJsonInSlices(res, sensorStateCollection(sensors, sensorOf, pages, to), 'features', 'application/geo+json');
      return;
    }

    // Without the export thread (PostgreSQL, an in-memory SQLite): a batch of sensors at a time, yielding between them;
    // at SCALE a kind has 15,000 sensors, each a read of the store.
    const breathe = sliceYielder();
    const ids = sensors.map((f) => f.id);
    const batches = Array.from({ length: Math.ceil(ids.length / SENSORS_PER_READ) }, (_, i) => ids.slice(i * SENSORS_PER_READ, (i + 1) * SENSORS_PER_READ));
    const rows = async (s: HistoryStep) => {
      if (d.exportThread) return d.exportThread.rows({ run, kind: q.kind, ids, from, to, step: s });
      let total = 0;
      for (const batch of batches) {
        total += await d.store.countPointsMany(run, q.kind, batch, from, to, s);
        await breathe();
      }
      return total;
    };
    await enforcePointLimit(rows, step, MAX_EXPORT_ROWS, 'one file');
    const name = `stadtpuls-${q.kind}-${bochumFileStamp(from)}-${bochumFileStamp(to)}-${step}.csv`;
    if (d.exportThread) {
      res.attachment(name);
      await sendTextInParts(res, CSV_TYPE, d.exportThread.csv({ run, kind: q.kind, ids, from, to, step }));
      return;
    }
    const series: Array<{ sensorId: string; points: HistoryPoint[] }> = [];
    const columns = new CsvColumns();
    for (const batch of batches) {
      const points = await d.store.seriesMany(run, q.kind, batch, from, to, step);
      batch.forEach((sensorId, i) => {
        series.push({ sensorId, points: points[i]! });
        columns.add(points[i]!);
      });
      await breathe();
    }
    res.attachment(name);
    await sendTextInParts(res, CSV_TYPE, historyCsvParts(series, columns));
  };
}

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

/** The sensors named in `ids` (each must be a registered sensor of the kind), or all of the kind. */
function pickSensors(ofKind: readonly SensorFeature[], kind: string, ids: string[] | undefined): readonly SensorFeature[] {
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
