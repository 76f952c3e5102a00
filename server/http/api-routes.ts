import { Router } from 'express';
import type { ClientConfig } from '../../common/protocol.js';
import type { Ingest } from '../ingest/ingest.js';
import type { SensorIndex } from '../registry.js';
import type { LiveState } from '../state/live-state.js';
import type { LiveStream } from '../stream/live-stream.js';

export interface ApiDeps {
  sensors: SensorIndex;
  state: LiveState;
  stream: LiveStream;
  ingest: Ingest;
  cityNow: () => number;
  clientConfig: ClientConfig;
  connectedClients: () => number;
  startedAt: number;
}

/** The REST API: health, the sensor registry, the live state and the browser's runtime config. */
export function apiRoutes(d: ApiDeps): Router {
  const r = Router();

  r.get('/health', (_req, res) => {
    const snapshot = d.stream.snapshot();
    res.json({
      status: 'ok',
      uptimeS: Math.round((Date.now() - d.startedAt) / 1000),
      instance: d.stream.instance,
      scenario: snapshot.scenario,
      cityTime: new Date(snapshot.cityTime).toISOString(),
      sensors: { registered: d.sensors.size, reporting: d.state.size },
      clients: d.connectedClients(),
      sources: d.ingest.stats.snapshot(),
    });
  });

  r.get('/sensors', (_req, res) => {
    res.json(d.sensors.registry);
  });

  r.get('/state', (_req, res) => {
    const { seq, instance, cityTime, serverTime, entries } = d.stream.snapshot();
    res.json({ seq, instance, cityTime, serverTime, entries });
  });

  r.get('/config', (_req, res) => {
    res.json(d.clientConfig);
  });

  r.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such API endpoint' });
  });

  return r;
}
