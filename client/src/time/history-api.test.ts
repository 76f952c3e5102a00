import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEntry } from '../../../common/protocol.js';
import type { SensorKind } from '../../../common/readings.js';
import { encodeColumns, registryFingerprint } from '../../../common/wire/columns.js';
import { LiveColumns } from '../live/live-columns.js';
import { fetchPastStateColumns } from './history-api.js';

// two real sensors and two generated ones, in the order GET /api/sensors lists them
const REGISTRY: Array<{ id: string; kind: SensorKind; generated?: true }> = [
  { id: 'cp-1', kind: 'parking' },
  { id: 'st-1', kind: 'climate' },
  { id: 'gen-p-1', kind: 'parking', generated: true },
  { id: 'gen-c-1', kind: 'climate', generated: true },
];
const ids = REGISTRY.map((s) => s.id);
const live = new LiveColumns(ids, (i) => REGISTRY[i]?.kind, (i) => REGISTRY[i]?.generated === true);
const AT = Date.parse('2026-06-16T12:00:00Z');

const parking = (sensorId: string, free: number): LiveEntry =>
  ({ reading: { sensorId, kind: 'parking', ts: AT - 60_000, values: { freeSpaces: free, open: true } }, derived: { kind: 'parking', capacity: 10, occupancyPct: (10 - free) * 10 }, receivedAt: AT }) as LiveEntry;
const climate = (sensorId: string, utciC: number): LiveEntry =>
  ({
    reading: { sensorId, kind: 'climate', ts: AT - 60_000, values: { airTempC: 30, relHumidityPct: 40, windKmh: 5, solarWm2: 700 } },
    derived: { kind: 'climate', utciC, utciCategory: 'moderate-heat-stress', tmrtC: 45, heatIndexC: 31 },
    receivedAt: AT,
  }) as LiveEntry;
const entries = [parking('cp-1', 4), climate('st-1', 29), parking('gen-p-1', 0), climate('gen-c-1', 33)];
const kpis = { heat: null, traffic: null, parking: null, charging: null, withoutData: { climate: 0, traffic: 0, parking: 0, charging: 0, tree: 0 } };

function answer(registry: string) {
  const columns = Buffer.from(deflateRawSync(encodeColumns(entries, (id) => ids.indexOf(id)))).toString('base64');
  return { seq: 3, instance: 'i', serverTime: AT, cityTime: AT, at: AT, run: 'run-1', districts: [], alerts: [], closures: [], registry, compression: 'deflate-raw', columns, kpis, worstLinks: [] };
}

describe('the past state in columns', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts every sensor in columns, makes entries of the real ones only, and keeps the server’s KPIs', async () => {
    const fetchMock = vi.fn(async (_url: string) => new Response(JSON.stringify(answer(registryFingerprint(ids)))));
    vi.stubGlobal('fetch', fetchMock);
    const past = await fetchPastStateColumns(AT, live);
    expect(fetchMock.mock.calls[0][0]).toBe(`/api/state?at=${AT}&format=columns`);
    expect(past.entries.map((e) => e.reading.sensorId).sort()).toEqual(['cp-1', 'st-1']);
    expect(past.columns?.value('parking', 'derived.occupancyPct', ids.indexOf('gen-p-1'))).toBe(100);
    expect(past.columns?.value('climate', 'derived.utciC', ids.indexOf('gen-c-1'))).toBe(33);
    expect(past.columns).not.toBe(live);
    expect(live.value('climate', 'derived.utciC', ids.indexOf('gen-c-1'))).toBeNaN();
    expect(past.kpis).toEqual(kpis);
    expect(past.run).toBe('run-1');
  });

  it('asks for the JSON form when the server’s registry is another', async () => {
    const json = { seq: 3, instance: 'i', serverTime: AT, cityTime: AT, at: AT, run: 'run-1', entries, districts: [], alerts: [], closures: [] };
    const fetchMock = vi.fn(async (url: string) => new Response(JSON.stringify(url.includes('format=columns') ? answer('another') : json)));
    vi.stubGlobal('fetch', fetchMock);
    const past = await fetchPastStateColumns(AT, live);
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual([`/api/state?at=${AT}&format=columns`, `/api/state?at=${AT}`]);
    expect(past.entries).toHaveLength(4);
    expect(past.columns).toBeUndefined();
  });
});
