import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import type { PullConfig } from '../server/feeds/feeds-config.js';
import { OcpiLocationsAdapter, loadOcpiLocationMap } from '../server/feeds/ocpi.js';
import { ParkApiAdapter, loadParkApiLotMap } from '../server/feeds/parkapi.js';
import { PullFeed, type PullAdapter } from '../server/feeds/pull-feed.js';
import { Ingest } from '../server/ingest/ingest.js';
import { DATA_DIR } from '../server/paths.js';
import { loadSensorIndex } from '../server/registry.js';
import { LiveState } from '../server/state/live-state.js';
import { captureLogs } from './helpers/log-capture.js';
import { ocpiPage1, ocpiPage2, ocpiResponse, parkApiSnapshot } from './helpers/pull-samples.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

const OCPI_TOKEN = 'b2NwaS10ZXN0LXRva2Vu';
/** Whole seconds: ParkAPI2 timestamps carry no milliseconds. */
const at = () => Math.floor(Date.now() / 1000) * 1000 - 5_000;
/** The car parks' data does not change between polls here, as between an operator's updates. */
const snapshotAt = at();

/** A stand-in for the operators' APIs, on 127.0.0.1 and a free port. */
function upstream(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const json = (body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  switch (url.pathname) {
    case '/parkapi/bochum':
      return json(parkApiSnapshot(snapshotAt));
    case '/ocpi/cpo/2.2/locations':
      if (req.headers.authorization !== `Token ${OCPI_TOKEN}`) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status_code: 2001, status_message: 'Invalid or missing token', timestamp: new Date().toISOString() }));
        return;
      }
      if (url.searchParams.get('offset') === '2') return json(ocpiPage2(at()));
      return json(ocpiPage1(at()), { Link: '</ocpi/cpo/2.2/locations?offset=2&limit=2>; rel="next"', 'X-Total-Count': '4', 'X-Limit': '2' });
    case '/ocpi/error':
      return json(ocpiResponse(at(), [], 3001));
    case '/broken':
      // A proxy's error page served as JSON: a real way for a pull source to break.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('<html><body>502 Bad Gateway</body></html>');
      return;
    case '/fails':
      res.writeHead(500);
      res.end('internal error');
      return;
    case '/hangs':
      return; // never answers
    default:
      res.writeHead(404);
      res.end();
  }
}

let http: Server;
let base: string;
let deadUrl: string;
const sensors = loadSensorIndex();
const lotMap = loadParkApiLotMap(path.join(DATA_DIR, 'devices', 'parkapi-lots.json'), sensors);
const locationMap = loadOcpiLocationMap(path.join(DATA_DIR, 'devices', 'ocpi-locations.json'), sensors);

beforeAll(async () => {
  http = createServer(upstream);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/parkapi/bochum`;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

function feed(source: string, adapter: PullAdapter, url: string, extra: Partial<PullConfig> = {}) {
  const { logger, lines } = captureLogs('debug');
  const state = new LiveState();
  const ingest = new Ingest(sensors, state, Date.now, logger);
  const config: PullConfig = { url, intervalMs: 60_000, timeoutMs: 2000, idMapFile: '', headers: {}, ...extra };
  return { feed: new PullFeed(source, adapter, config, ingest, logger), ingest, state, lines };
}

describe('ParkAPI adapter against a local HTTP server', () => {
  it('applies the lots, refuses the broken one, and counts a repeated poll as duplicates', async () => {
    const f = feed('parkapi', new ParkApiAdapter(lotMap), `${base}/parkapi/bochum`);
    expect(await f.feed.poll()).toEqual({ pages: 1, accepted: 3, duplicates: 0, outdated: 0, corrected: 0, rejected: 1 });
    expect(f.state.get('parking-p1-husemannplatz')?.reading.values).toEqual({ freeSpaces: 120, capacity: 475, open: true });
    expect(f.state.get('parking-p1-husemannplatz')?.derived).toMatchObject({ occupancyPct: expect.closeTo(74.74, 2) });
    expect(f.state.get('parking-p2-dr-ruer-platz')?.reading.values).toMatchObject({ open: false });
    expect(f.state.get('parking-p6-hauptbahnhof-buddenbergplatz')).toBeUndefined();

    // Same operator timestamps on the next poll: nothing new.
    expect(await f.feed.poll()).toMatchObject({ accepted: 0, duplicates: 3, rejected: 1 });
    const stats = f.ingest.stats.snapshot().parkapi;
    expect(stats).toMatchObject({ accepted: 3, duplicates: 3, feedErrors: 0, link: { state: 'up', target: `${base}/parkapi/bochum` } });
    expect(stats.rejected.invalid).toBe(2);
    expect(f.lines.filter((l) => l.msg === 'upstream ids not in the id map, ignored')).toEqual([expect.objectContaining({ ids: ['dortmund-7'] })]);
  });
});

describe('OCPI adapter against a local HTTP server', () => {
  it('sends the token, follows the Link header to page 2 and maps the EVSE statuses', async () => {
    const f = feed('ocpi', new OcpiLocationsAdapter(locationMap), `${base}/ocpi/cpo/2.2/locations`, { headers: { Authorization: `Token ${OCPI_TOKEN}` } });
    expect(await f.feed.poll()).toEqual({ pages: 2, accepted: 2, duplicates: 0, outdated: 0, corrected: 0, rejected: 1 });
    expect(f.state.get('charging-hbf')?.derived).toEqual({
      kind: 'charging',
      total: 6,
      counts: { available: 1, charging: 1, reserved: 1, blocked: 1, out_of_order: 1, unknown: 1 },
      powerKw: 0,
    });
    expect(f.state.get('charging-p1-husemannplatz')?.derived).toMatchObject({ counts: { available: 1, charging: 1, out_of_order: 3 } });
    expect(f.ingest.stats.snapshot().ocpi.rejected.invalid).toBe(1);
  });

  it('without the token, the 401 is a feed error', async () => {
    const f = feed('ocpi', new OcpiLocationsAdapter(locationMap), `${base}/ocpi/cpo/2.2/locations`);
    expect(await f.feed.poll()).toMatchObject({ pages: 0, accepted: 0, error: 'HTTP 401 Unauthorized' });
    expect(f.ingest.stats.snapshot().ocpi).toMatchObject({ feedErrors: 1, link: { state: 'down', detail: 'HTTP 401 Unauthorized' } });
  });

  it('an OCPI error status inside a 200 answer is a feed error', async () => {
    const f = feed('ocpi', new OcpiLocationsAdapter(locationMap), `${base}/ocpi/error`);
    expect(await f.feed.poll()).toMatchObject({ accepted: 0, error: 'OCPI status_code 3001 (Server error)' });
    expect(f.ingest.stats.snapshot().ocpi.feedErrors).toBe(1);
  });
});

describe('a failing upstream is counted and logged, never fatal', () => {
  const parkapi = () => new ParkApiAdapter(lotMap);

  it('a broken document is a rejected message (malformed)', async () => {
    const f = feed('parkapi', parkapi(), `${base}/broken`);
    expect(await f.feed.poll()).toMatchObject({ pages: 0, rejected: 1, error: expect.stringMatching(/^document is not JSON/) });
    const stats = f.ingest.stats.snapshot().parkapi;
    expect(stats.rejected.malformed).toBe(1);
    expect(stats.feedErrors).toBe(0);
    expect(stats.link).toMatchObject({ state: 'down' });
  });

  it.each([
    ['an HTTP error', '/fails', 'HTTP 500 Internal Server Error'],
    ['an upstream that never answers', '/hangs', 'no answer within 300 ms'],
  ])('%s is a feed error', async (_what, pathname, detail) => {
    const f = feed('parkapi', parkapi(), `${base}${pathname}`, { timeoutMs: 300 });
    expect(await f.feed.poll()).toMatchObject({ pages: 0, accepted: 0, error: detail });
    expect(f.ingest.stats.snapshot().parkapi).toMatchObject({ feedErrors: 1, link: { state: 'down', detail } });
  });

  it('an unreachable URL is a feed error, logged as a warning once and then quietly while it lasts', async () => {
    const f = feed('parkapi', parkapi(), deadUrl);
    for (let i = 0; i < 3; i++) expect(await f.feed.poll()).toMatchObject({ error: 'ECONNREFUSED' });
    expect(f.ingest.stats.snapshot().parkapi).toMatchObject({ feedErrors: 3, link: { state: 'down', detail: 'ECONNREFUSED' } });
    const failed = f.lines.filter((l) => l.msg === 'poll failed');
    expect(failed.map((l) => l.level)).toEqual([40, 20, 20]);
  });
});

describe('pull feeds in the server', () => {
  let server: Stadtpuls;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await startTestServer({
      SIMULATOR: 'off',
      PARKAPI_URL: `${base}/parkapi/bochum`,
      PARKAPI_INTERVAL_S: '1',
      OCPI_LOCATIONS_URL: `${base}/ocpi/cpo/2.2/locations`,
      OCPI_TOKEN,
      OCPI_INTERVAL_S: '1',
    }));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('polls on its interval and shows the feeds in /api/state, /api/health and /metrics', async () => {
    // Two polls of the same snapshot: the second one's lots are duplicates.
    const h = await waitFor(async () => {
      const body = await (await fetch(`${url}/api/health`)).json();
      return body.sources.parkapi.duplicates >= 3 && body.sources.ocpi.accepted >= 2 && body;
    }, 'two ParkAPI polls and one OCPI poll');
    expect(h.sources.parkapi).toMatchObject({ accepted: 3, feedErrors: 0, link: { state: 'up' } });
    expect(h.sources.ocpi.link.state).toBe('up');

    const state = await (await fetch(`${url}/api/state`)).json();
    const ids = state.entries.map((e: { reading: { sensorId: string } }) => e.reading.sensorId);
    expect(ids).toEqual(expect.arrayContaining(['parking-p1-husemannplatz', 'parking-p5-brueckstrasse', 'charging-hbf', 'charging-p1-husemannplatz']));

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('stadtpuls_readings_accepted_total{source="parkapi"} 3');
    expect(metrics).toContain('stadtpuls_feed_up{source="parkapi"} 1');
    expect(metrics).toContain('stadtpuls_feed_up{source="ocpi"} 1');
  });
});
