import { Router } from 'express';
import type { ClientConfig, DropReason, ScenarioInfo } from '../../common/protocol.js';
import type { HealthChecks, Readiness } from '../health.js';
import { redactDeep } from '../redact.js';
import { FixedJsonBody } from './fixed-json-body.js';
import { registryColumnsOf } from '../../common/registry-columns.js';
import { sendJsonInSlices } from './json-in-slices.js';
import type { Ingest } from '../ingest/ingest.js';
import type { HistoryWriterStats } from '../store/history-writer.js';
import type { SensorIndex } from '../registry.js';
import type { LiveState } from '../state/live-state.js';
import type { LiveStream } from '../stream/live-stream.js';
import { steadyNow } from '../steady-clock.js';
import type { ClusterStatus } from '../cluster/cluster.js';

export interface ApiDeps {
  sensors: SensorIndex;
  state: LiveState;
  stream: LiveStream;
  ingest: Ingest;
  cityNow: () => number;
  scenario: ScenarioInfo | null;
  clientConfig: ClientConfig;
  connectedClients: () => number;
  /** clients the connection guard dropped since start, per reason */
  droppedClients: () => Record<DropReason, number>;
  health: HealthChecks;
  readiness: Readiness;
  /** the history writer's queue and counters, null before the store is open */
  history: () => HistoryWriterStats | null;
  /** steady clock (server/steady-clock.ts), epoch ms */
  startedAt: number;
  /** this node's part in a cluster (REDIS_URL): node, leader, Redis link, bus counters; absent for one process */
  cluster?: () => ClusterStatus;
}

/** The REST API: health, the sensor registry, the live state and the browser's runtime config. */
export function apiRoutes(d: ApiDeps): Router {
  const r = Router();

  r.get('/health', (_req, res) => {
    const { status, reasons } = d.health.run();
    // Feed targets and error details are redacted where they are made; this pass catches what slipped through.
    res.json(redactDeep({
      status,
      reasons,
      uptimeS: Math.round((steadyNow() - d.startedAt) / 1000),
      instance: d.stream.instance,
      scenario: d.scenario,
      cityTime: new Date(d.cityNow()).toISOString(),
      sensors: { registered: d.sensors.size, reporting: d.state.size },
      clients: d.connectedClients(),
      clientsDropped: d.droppedClients(),
      sources: d.ingest.stats.snapshot(),
      history: d.history(),
      ...(d.cluster ? { cluster: d.cluster() } : {}),
    }));
  });

  // For load balancers: 503 until the server can serve (listening, first tick sent, store open).
  r.get('/ready', (_req, res) => {
    const waitingFor = d.readiness.pending();
    res.status(waitingFor.length === 0 ? 200 : 503).json({ ready: waitingFor.length === 0, waitingFor });
  });

  const registry = new FixedJsonBody(() => d.sensors.registry, 'features');
  // The page's form: SCALE's generated sensors as id, kind and position columns (common/registry-columns.ts). Made at
  // start-up: at SCALE=100000 the first page waited 1.8 s for it (made while the server was busy simulating).
  const registryColumns = new FixedJsonBody(() => registryColumnsOf(d.sensors.registry.features)).prepare();
  r.get('/sensors', (req, res, next) => {
    const form = req.query.generated;
    if (form !== undefined && form !== 'columns') {
      res.status(400).json({ error: 'bad_request', message: `generated=${String(form)}: the only form is generated=columns (without it, every sensor is a GeoJSON feature)` });
      return;
    }
    (form === 'columns' ? registryColumns : registry).send(req, res).catch(next);
  });

  // /api/state?at= (the city at a past instant) is answered by history-routes.ts, mounted before these.
  r.get('/state', (_req, res, next) => {
    // the entries taken as they are written: at SCALE, 100,000 entry objects made at once held the loop up to 199 ms
    sendJsonInSlices(res, { seq: d.stream.lastSeq, instance: d.stream.instance, cityTime: d.cityNow(), serverTime: Date.now(), entries: d.state.values() }, 'entries').catch(next);
  });

  r.get('/config', (_req, res) => {
    res.json(d.clientConfig);
  });

  r.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such API endpoint' });
  });

  return r;
}
