import type { RequestHandler } from 'express';
import { climateIndicatorsQuerySchema, MAX_CLIMATE_INDICATOR_DAYS, type ClimateIndicatorsResponse } from '../../common/history.js';
import { climateIndicators, districtMean, type AirTempSample } from '../../common/models/climate-indicators.js';
import type { HistoryRouteDeps } from './history-routes.js';
import { HistoryRefusal, parseQuery, resolveRun } from './history-query.js';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 30;

/**
 * GET /api/history/climate-indicators?from=&to=&run=: summer days, hot days and tropical nights per
 * climate station and per district over a period (issue 11, DWD definitions in
 * common/models/climate-indicators.ts). Reads each station's 1 h rollups, whose bucket minimum and
 * maximum of air temperature are the exact extremes of the readings, so no peak is lost to a mean.
 * The city's own stations only: SCALE's generated nodes are load, not measurements.
 */
export function climateIndicatorsHandler(d: HistoryRouteDeps): RequestHandler {
  const districtIdByName = new Map(d.districts.map((x) => [x.name, x.id]));
  return async (req, res) => {
    const q = parseQuery(climateIndicatorsQuerySchema, req.query);
    const run = await resolveRun(d.store, q.run, d.currentRun);
    const to = q.to ?? Math.max(d.cityNow(), q.from ?? 0);
    const from = q.from ?? to - DEFAULT_DAYS * DAY_MS;
    if (from > to) throw new HistoryRefusal(400, 'invalid_range', `from (${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()})`);
    if (to - from > MAX_CLIMATE_INDICATOR_DAYS * DAY_MS) {
      throw new HistoryRefusal(400, 'invalid_range', `the period is ${Math.ceil((to - from) / DAY_MS)} days; at most ${MAX_CLIMATE_INDICATOR_DAYS} are counted in one request`);
    }
    const stations = d.sensors.ofKind('climate').filter((s) => !s.properties.generated);
    const counted = await Promise.all(
      stations.map(async (s) => {
        const points = await d.store.series(run, 'climate', s.id, from, to, '1h');
        const samples: AirTempSample[] = [];
        for (const p of points) {
          const minC = p.min?.airTempC;
          const maxC = p.max?.airTempC;
          if (minC !== undefined && maxC !== undefined) samples.push({ t: p.t, minC, maxC });
        }
        return { id: s.id, name: s.properties.name, district: districtIdByName.get(s.properties.district) ?? s.properties.district, ...climateIndicators(samples) };
      }),
    );
    const districts = d.districts.map(({ id, name }) => {
      const mean = districtMean(counted.filter((s) => s.district === id));
      return mean ? { id, name, ...mean } : { id, name, stations: 0 as const, summerDays: null, hotDays: null, tropicalNights: null };
    });
    const body: ClimateIndicatorsResponse = { run, from, to, stations: counted, districts };
    res.json(body);
  };
}
