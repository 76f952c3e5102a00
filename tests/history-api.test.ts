import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STALE_AFTER_MS } from '../common/freshness.js';
import { linkHistorySchema, pastStateColumnsSchema, pastStateSchema, runsResponseSchema, seriesHistorySchema, type HistoryPoint, type SeriesHistory } from '../common/history.js';
import { inflateRawSync } from 'node:zlib';
import { computeKpis } from '../common/kpis.js';
import { trafficClosureSchema, type LiveEntry } from '../common/protocol.js';
import { worstLinks } from '../common/traffic-ranking.js';
import { columnsToEntries, decodeColumns, registryFingerprint } from '../common/wire/columns.js';
import type { Reading } from '../common/readings.js';
import type { Stadtpuls } from '../server/app.js';
import { parseCsv } from './helpers/rfc4180.js';
import { storeBackends } from './helpers/store-backends.js';
import { startTestServer } from './helpers/test-server.js';
import { sessionAs } from './helpers/auth-session.js';
import { waitFor } from './helpers/wait.js';

/**
 * The history API on a real server, once per back-end: SQLite in a temporary file, and PostgreSQL in
 * a fresh schema when one answers on 127.0.0.1:5432 (CI starts one). Readings go in through
 * POST /api/ingest with known times in the past; the answers are checked against what was posted.
 */

const KEY = 'history-api-test-key-81c4';
const MIN = 60_000;

const backends = await storeBackends('history_api');

/** camelCase figure name → the CSV column, written here again so the round trip checks the writer. */
const column = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

describe.each(backends)('history API on $name', (backend) => {
  let server: Stadtpuls;
  let url: string;
  /** the city time the test's readings are laid out from, a whole minute */
  let t0: number;
  const posted: Reading[] = [];

  const get = async (p: string) => {
    const res = await fetch(`${url}${p}`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const getJson = async (p: string) => {
    const res = await get(p);
    return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
  };
  const ingest = async (readings: Reading[]) => {
    for (let i = 0; i < readings.length; i += 5000) {
      const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(readings.slice(i, i + 5000)) });
      const body = (await res.json()) as { accepted: number };
      expect(body.accepted, JSON.stringify(body).slice(0, 500)).toBe(Math.min(5000, readings.length - i));
    }
    posted.push(...readings);
  };
  const series = async (p: string) => {
    const res = await getJson(p);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return seriesHistorySchema.parse(res.body);
  };
  const postedOf = (sensorId: string) => posted.filter((r) => r.sensorId === sensorId);

  beforeAll(async () => {
    // The simulator is off: the city clock is the wall clock and only this test writes these sensors.
    ({ server, url } = await startTestServer({ SIMULATOR: 'off', INGEST_API_KEYS: KEY, STREAM_TICK_MS: '200', ...(await backend.env()) }));
    t0 = Math.floor(server.cityNow() / MIN) * MIN;
    const climate: Reading[] = [];
    for (let m = 100; m >= 5; m -= 5) {
      // hot enough for a station alert (UTCI ≥ 32 °C) from the first reading on
      climate.push({ sensorId: 'climate-westpark', kind: 'climate', ts: t0 - m * MIN, values: { airTempC: 30 + (100 - m) / 10, relHumidityPct: 40 - m / 10, windKmh: 3, solarWm2: 800 } });
    }
    const traffic: Reading[] = [];
    for (let m = 100; m >= 2; m -= 1) {
      traffic.push({ sensorId: 'traffic-a40-1-east', kind: 'traffic', ts: t0 - m * MIN, values: { flowVehH: 2000 + m * 10, speedKmh: 40 + (m % 30), occupancyPct: 15 } });
    }
    const parking: Reading[] = [{ sensorId: 'parking-p1-husemannplatz', kind: 'parking', ts: t0 - 70 * MIN, values: { freeSpaces: 120, open: true } }];
    await ingest([...climate, ...traffic, ...parking]);
    await waitFor(async () => (await series(`/api/history/sensors/climate-westpark?step=raw&from=${t0 - 2 * 60 * MIN}&to=${t0}`)).points.length === climate.length, 'the climate readings in the store');
    await waitFor(async () => (await series(`/api/history/sensors/traffic-a40-1-east?step=raw&from=${t0 - 2 * 60 * MIN}&to=${t0}`)).points.length === traffic.length, 'the traffic readings in the store');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await backend.cleanUp();
  });

  describe('GET /api/history/runs', () => {
    it('lists the real-time run as the current one', async () => {
      const res = await getJson('/api/history/runs');
      expect(res.status).toBe(200);
      const runs = runsResponseSchema.parse(res.body);
      const current = runs.runs.find((r) => r.id === runs.current);
      expect(current).toMatchObject({ realtime: true, scenario: null });
      expect(current!.firstT).toBeLessThanOrEqual(t0 - 100 * MIN);
    });
  });

  describe('GET /api/history/sensors/:id', () => {
    it('answers raw points exactly as posted', async () => {
      const h = await series(`/api/history/sensors/climate-westpark?step=raw&from=${t0 - 100 * MIN}&to=${t0}`);
      expect(h).toMatchObject({ id: 'climate-westpark', kind: 'climate', step: 'raw', from: t0 - 100 * MIN, to: t0 });
      expect(h.points.map((p) => [p.t, p.values])).toEqual(postedOf('climate-westpark').map((r) => [r.ts, r.values]));
      expect(h.points.every((p) => typeof p.derived.utciC === 'number' && typeof p.derived.utciCategory === 'string')).toBe(true);
    });

    it('answers 15 min buckets with the mean, minimum, maximum and count of the readings in them', async () => {
      const from = t0 - 90 * MIN;
      const to = t0 - 31 * MIN;
      const h = await series(`/api/history/sensors/traffic-a40-1-east?step=15m&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`);
      expect(h.step).toBe('15m');
      expect(h.points.length).toBeGreaterThanOrEqual(4);
      for (const p of h.points) {
        const inBucket = postedOf('traffic-a40-1-east').filter((r) => r.ts >= p.t && r.ts < p.t + 15 * MIN);
        const speeds = inBucket.map((r) => (r.kind === 'traffic' ? r.values.speedKmh : NaN));
        expect(p.count).toBe(inBucket.length);
        expect(p.values.speedKmh).toBeCloseTo(speeds.reduce((a, b) => a + b, 0) / speeds.length, 9);
        expect(p.min?.speedKmh).toBe(Math.min(...speeds));
        expect(p.max?.speedKmh).toBe(Math.max(...speeds));
      }
    });

    it('takes ISO instants with offset and chooses the step by range', async () => {
      const from = '2000-01-01T01:00:00+01:00';
      expect((await series(`/api/history/sensors/climate-westpark?from=${encodeURIComponent(from)}&to=${Date.parse(from) + 3_600_000}`)).step).toBe('raw');
      const lastDay = await series('/api/history/sensors/climate-westpark');
      expect(lastDay.step).toBe('1m');
      expect(lastDay.to - lastDay.from).toBe(24 * 60 * MIN);
      expect(lastDay.points.length).toBe(postedOf('climate-westpark').length);
    });

    it.each([
      ['an unknown step', '?step=5m', 400, 'invalid_query', /step/],
      ['from after to', `?from=2024-08-13T16:00:00%2B02:00&to=2024-08-13T15:00:00%2B02:00`, 400, 'invalid_range', /from .* is after to/],
      ['an unparseable instant', '?from=gestern', 400, 'invalid_query', /^from: expected an ISO 8601 instant/],
      ['an instant without offset', '?to=2024-08-13T15:00:00', 400, 'invalid_query', /^to: /],
      ['seconds instead of milliseconds', '?from=1723554000', 400, 'invalid_query', /seconds instead of milliseconds/],
      ['an unknown run', '?run=no-such-run', 404, 'unknown_run', /no run "no-such-run"/],
    ])('refuses %s', async (_what, query, status, error, message) => {
      const res = await getJson(`/api/history/sensors/climate-westpark${query}`);
      expect(res.status).toBe(status);
      expect(res.body.error).toBe(error);
      expect(res.body.message).toMatch(message);
    });

    it('answers 404 for an unknown sensor', async () => {
      const res = await getJson('/api/history/sensors/climate-nirgendwo');
      expect(res).toEqual({ status: 404, body: { error: 'unknown_sensor', message: expect.stringContaining('climate-nirgendwo') } });
    });

    it('refuses more than 20,000 points with a 400 that names a coarser step, and answers that step', async () => {
      const readings: Reading[] = [];
      // one reading every 3 s over 46 h: 55,180 raw points (over both limits), 2,760 at 1 min
      for (let ts = t0 - 46 * 60 * MIN; ts < t0 - MIN; ts += 3_000) {
        readings.push({ sensorId: 'traffic-a40-1-west', kind: 'traffic', ts, values: { flowVehH: 1500, speedKmh: 80 + (ts % 7), occupancyPct: 10 } });
      }
      await ingest(readings);
      const query = `from=${t0 - 47 * 60 * MIN}&to=${t0}`;
      await waitFor(async () => (await series(`/api/history/sensors/traffic-a40-1-west?step=1h&${query}`)).points.reduce((n, p) => n + (p.count ?? 0), 0) === readings.length, 'the 55,180 readings in the store', 60_000);
      const refused = await getJson(`/api/history/sensors/traffic-a40-1-west?step=raw&${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('too_many_points');
      const suggestion = /^(\d+) points at step=raw are too many for one response \(limit 20000\): use step=1m \((\d+) points\) or a shorter range$/.exec(String(refused.body.message));
      expect(suggestion, String(refused.body.message)).not.toBeNull();
      expect(Number(suggestion![1])).toBe(readings.length);
      const coarser = await series(`/api/history/sensors/traffic-a40-1-west?step=1m&${query}`);
      expect(coarser.points.length).toBe(Number(suggestion![2]));
    }, 90_000);
  });

  describe('GET /api/history/links/:id', () => {
    it("answers the link's detector series with its street", async () => {
      const range = `from=${t0 - 100 * MIN}&to=${t0}&step=15m`;
      const res = await getJson(`/api/history/links/a40-1-east?${range}`);
      expect(res.status).toBe(200);
      const link = linkHistorySchema.parse(res.body);
      expect(link).toMatchObject({ id: 'a40-1-east', kind: 'link', street: 'A40', sensorIds: ['traffic-a40-1-east'], step: '15m' });
      expect(link.points).toEqual((await series(`/api/history/sensors/traffic-a40-1-east?${range}`)).points);
      expect(link.points.every((p) => typeof p.derived.los === 'string' && typeof p.derived.volumeCapacityRatio === 'number')).toBe(true);
    });

    it('answers 404 for an unknown link and for a link no detector measures', async () => {
      expect((await getJson('/api/history/links/no-such-link')).body.error).toBe('unknown_link');
      const unmeasured = await getJson('/api/history/links/a40-2-east');
      expect(unmeasured.status).toBe(404);
      expect(unmeasured.body.error).toBe('no_detector');
    });
  });

  describe('GET /api/history/districts/:id and /api/history/kpis', () => {
    it('answers the district figures the heat stage recorded', async () => {
      const h = await waitFor(async () => {
        const s = await series(`/api/history/districts/mitte?step=raw&from=${t0 - MIN}`);
        return s.points.length > 0 && s;
      }, 'district samples');
      expect(h).toMatchObject({ id: 'mitte', kind: 'district', step: 'raw' });
      expect(Object.keys(h.points[0]!.values).sort()).toEqual(['hoursHeatStressToday', 'maxUtciC', 'meanUtciC', 'shareModerateOrWorse', 'shareStrongOrWorse', 'shareVeryStrongOrWorse']);
      expect(h.points[0]!.values.meanUtciC).toBeGreaterThan(32);
    });

    it('answers 404 for an unknown district', async () => {
      const res = await getJson('/api/history/districts/gelsenkirchen');
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/mitte, wattenscheid/);
    });

    it('answers the city KPIs recorded once per city minute', async () => {
      const h = await waitFor(async () => {
        const s = await series(`/api/history/kpis?step=raw&from=${t0 - MIN}`);
        return s.points.length > 0 && s;
      }, 'a KPI sample');
      expect(h).toMatchObject({ id: 'city', kind: 'kpis' });
      // A sample taken before the test's climate readings arrived has no heat group; one after has the one station.
      // Benches the city publishes no data for are not missing until they report (common/kpis.ts).
      const stations = server.sensors.ofKind('climate').filter((f) => f.properties.kind === 'climate' && !f.properties.noDataReason).length;
      for (const p of h.points) {
        if (p.values.heatMeanUtciC === undefined) expect(p.values.withoutDataClimate).toBe(stations);
        else expect([p.values.heatMeanUtciC > 32, p.values.withoutDataClimate]).toEqual([true, stations - 1]);
      }
      expect((await getJson('/api/history/kpis?step=1d')).status).toBe(400);
    });
  });

  describe('GET /api/state?at=', () => {
    /** What the state at `at` must hold: per sensor the latest posted reading at or before it, within its freshness limit. */
    function expectedEntries(at: number) {
      const latest = new Map<string, Reading>();
      for (const r of posted) if (r.ts <= at && at - r.ts <= STALE_AFTER_MS[r.kind] && (latest.get(r.sensorId)?.ts ?? -1) < r.ts) latest.set(r.sensorId, r);
      return [...latest.values()].map((r) => [r.sensorId, r.ts, r.values] as const).sort((a, b) => a[0].localeCompare(b[0]));
    }

    it('answers a known past state: the readings then current, nothing closed, no alert yet', async () => {
      const at = t0 - 45 * MIN;
      const res = await getJson(`/api/state?at=${encodeURIComponent(new Date(at).toISOString())}`);
      expect(res.status).toBe(200);
      const state = pastStateSchema.parse(res.body);
      expect(state).toMatchObject({ at, cityTime: at, districts: [], alerts: [], closures: [] });
      const entries = state.entries.map((e) => [e.reading.sensorId, e.reading.ts, e.reading.values] as const).sort((a, b) => a[0].localeCompare(b[0]));
      expect(entries).toEqual(expectedEntries(at));
      expect(entries.map((e) => e[0])).toEqual(expect.arrayContaining(['climate-westpark', 'traffic-a40-1-east']));
      // the car park's reading was 25 min old then, past its 15 min limit
      expect(postedOf('parking-p1-husemannplatz').length).toBe(1);
      expect(entries.map((e) => e[0])).not.toContain('parking-p1-husemannplatz');
      expect(state.entries.find((e) => e.reading.sensorId === 'climate-westpark')!.derived).toMatchObject({ kind: 'climate', utciC: expect.any(Number) });
    });

    it('answers the same state in columns (format=columns), with the KPIs and worst links of its entries', async () => {
      const at = t0 - 45 * MIN;
      const json = pastStateSchema.parse((await getJson(`/api/state?at=${at}`)).body);
      const cols = pastStateColumnsSchema.parse((await getJson(`/api/state?at=${at}&format=columns`)).body);
      const ids = ((await getJson('/api/sensors')).body as { features: Array<{ id: string }> }).features.map((f) => f.id);
      expect(cols.registry).toBe(registryFingerprint(ids));
      const decoded = decodeColumns(new Uint8Array(inflateRawSync(Buffer.from(cols.columns, 'base64'))));
      const bySensor = (es: LiveEntry[]) => [...es].sort((a, b) => a.reading.sensorId.localeCompare(b.reading.sensorId));
      expect(bySensor(decoded.flatMap((c) => columnsToEntries(c, ids)))).toEqual(bySensor(json.entries));
      const properties = new Map(server.sensors.registry.features.map((f) => [f.id, f.properties]));
      expect(cols.kpis).toEqual(computeKpis(json.entries, properties, at));
      expect(cols.worstLinks).toEqual(worstLinks(json.entries, properties, at, 5));
      const { entries: _e, ...jsonRest } = json;
      const { columns: _c, registry: _r, compression: _z, kpis: _k, worstLinks: _w, ...colsRest } = cols;
      // seq is the live stream's when each answer was made: a tick may fall between the two requests
      expect(colsRest.seq).toBeGreaterThanOrEqual(jsonRest.seq);
      expect({ ...colsRest, serverTime: 0, seq: 0 }).toEqual({ ...jsonRest, serverTime: 0, seq: 0 });
    });

    it('answers the closures, alerts and district figures active at a later instant, and not before', async () => {
      const operator = await sessionAs(server, url, 'operator');
      const res = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ linkId: 'nordring-1-cw', kind: 'incident', note: 'Kran' }) });
      expect(res.status).toBe(201);
      const closure = trafficClosureSchema.parse(await res.json());
      const state = await waitFor(async () => {
        const s = pastStateSchema.parse((await getJson(`/api/state?at=${server.cityNow()}`)).body);
        return s.closures.length > 0 && s;
      }, 'the closure in the store');
      expect(state.closures).toEqual([closure]);
      expect(state.alerts.map((a) => a.key)).toContain('heat:station:climate-westpark');
      expect(state.districts.map((d) => d.districtId).sort()).toEqual(['mitte', 'nord', 'ost', 'sued', 'suedwest', 'wattenscheid']);
      const before = pastStateSchema.parse((await getJson(`/api/state?at=${closure.since - 1}`)).body);
      expect(before.closures).toEqual([]);
    });

    it('refuses an instant in the future or one it cannot read, and keeps the live state without `at`', async () => {
      expect((await getJson(`/api/state?at=${server.cityNow() + 3_600_000}`)).body.error).toBe('invalid_range');
      expect((await getJson('/api/state?at=morgen')).body.error).toBe('invalid_query');
      const live = await getJson('/api/state');
      expect(live.status).toBe(200);
      expect(live.body).not.toHaveProperty('at');
      expect((live.body.entries as unknown[]).length).toBeGreaterThanOrEqual(2);
    });
  });

  describe('GET /api/export', () => {
    /** Every CSV row against the /api/history point of its sensor and time, column by column. */
    function expectRowsMatch(rows: Record<string, string>[], bySensor: Map<string, HistoryPoint[]>) {
      expect(rows.length).toBe([...bySensor.values()].reduce((n, ps) => n + ps.length, 0));
      let i = 0;
      for (const [sensorId, points] of bySensor) {
        for (const p of points) {
          const row = rows[i++]!;
          expect(row.sensor_id).toBe(sensorId);
          expect(row.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+0[12]:00$/);
          expect(Date.parse(row.time!)).toBe(p.t);
          for (const [k, v] of Object.entries(p.values)) expect(Number(row[column(k)]), `${sensorId} ${k}`).toBe(v);
          for (const [k, v] of Object.entries(p.derived)) expect(row[column(k)], `${sensorId} ${k}`).toBe(v === null ? '' : String(v));
          for (const [k, v] of Object.entries(p.min ?? {})) expect(Number(row[`${column(k)}_min`])).toBe(v);
          for (const [k, v] of Object.entries(p.max ?? {})) expect(Number(row[`${column(k)}_max`])).toBe(v);
          if (p.count !== undefined) expect(Number(row.count)).toBe(p.count);
        }
      }
    }

    it.each(['raw', '15m'])('round-trips: the CSV at step %s parsed back equals the history query', async (step) => {
      const range = `from=${encodeURIComponent(new Date(t0 - 100 * MIN).toISOString())}&to=${t0}&step=${step}`;
      const res = await get(`/api/export?kind=traffic&ids=traffic-a40-1-east,traffic-a40-1-west&${range}`);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?stadtpuls-traffic-\\d{8}-\\d{4}-\\d{8}-\\d{4}-${step}\\.csv"?$`));
      const { header, rows } = parseCsv(res.text);
      expect(header.slice(0, 2)).toEqual(['sensor_id', 'time']);
      expect(header).toEqual(expect.arrayContaining(['speed_kmh', 'flow_veh_h', 'volume_capacity_ratio', 'los']));
      const bySensor = new Map<string, HistoryPoint[]>();
      for (const id of ['traffic-a40-1-east', 'traffic-a40-1-west']) bySensor.set(id, (await series(`/api/history/sensors/${id}?${range}`)).points);
      expect(bySensor.get('traffic-a40-1-east')!.length).toBeGreaterThan(0);
      expectRowsMatch(rows, bySensor);
    }, 60_000);

    it('round-trips a climate station with its units in the column names', async () => {
      const range = `from=${t0 - 100 * MIN}&to=${t0}&step=raw`;
      const res = await get(`/api/export?kind=climate&ids=climate-westpark&${range}&format=csv`);
      const { header, rows } = parseCsv(res.text);
      expect(header).toEqual(expect.arrayContaining(['air_temp_c', 'rel_humidity_pct', 'wind_kmh', 'solar_wm2', 'utci_c', 'utci_category']));
      const h: SeriesHistory = await series(`/api/history/sensors/climate-westpark?${range}`);
      expectRowsMatch(rows, new Map([['climate-westpark', h.points]]));
    });

    it('answers GeoJSON of the kind with every sensor and its values at `to`', async () => {
      const to = t0 - 44 * MIN;
      const res = await get(`/api/export?kind=climate&format=geojson&to=${to}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?stadtpuls-climate-\d{8}-\d{4}\.geojson"?$/);
      const fc = JSON.parse(res.text) as { type: string; features: Array<{ id: string; geometry: { type: string }; properties: { t: number | null; values: unknown } }> };
      expect(fc.type).toBe('FeatureCollection');
      const registered = ((await (await fetch(`${url}/api/sensors`)).json()) as { features: Array<{ id: string; properties: { kind: string } }> }).features.filter((f) => f.properties.kind === 'climate');
      expect(fc.features.map((f) => f.id).sort()).toEqual(registered.map((f) => f.id).sort());
      const westpark = fc.features.find((f) => f.id === 'climate-westpark')!;
      const expected = postedOf('climate-westpark').filter((r) => r.ts <= to).at(-1)!;
      expect(westpark.properties).toMatchObject({ t: expected.ts, values: expected.values });
      expect(westpark.geometry.type).toBe('Point');
      expect(fc.features.filter((f) => f.properties.t !== null).map((f) => f.id)).toEqual(['climate-westpark']);
    });

    it.each([
      ['an unknown kind', () => 'kind=weather', 'invalid_query', /^kind: /],
      ['an unknown format', () => 'kind=climate&format=xlsx', 'invalid_query', /^format: /],
      ['a sensor of another kind', () => 'kind=climate&ids=climate-westpark,traffic-a40-1-east', 'unknown_sensor', /no climate sensor "traffic-a40-1-east"/],
      ['an empty id list', () => 'kind=climate&ids=,', 'invalid_query', /^ids: /],
      ['a bad range', () => `kind=climate&from=${t0}&to=${t0 - MIN}`, 'invalid_range', /is after to/],
      // the 55,180 readings of the point-limit test above
      ['too many rows for one file', () => `kind=traffic&ids=traffic-a40-1-west&step=raw&from=${t0 - 47 * 60 * MIN}&to=${t0}`, 'too_many_points', /^55180 points at step=raw are too many for one file \(limit 50000\): use step=1m/],
    ])('refuses %s with a 400', async (_what, query, error, message) => {
      const res = await getJson(`/api/export?${query()}`);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe(error);
      expect(res.body.message).toMatch(message);
    });
  });
});
