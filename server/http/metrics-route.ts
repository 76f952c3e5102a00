import { Router } from 'express';
import type { Registry } from 'prom-client';

/** GET /metrics in the Prometheus text format. */
export function metricsRoute(registry: Registry): Router {
  const r = Router();
  r.get('/metrics', async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.type(registry.contentType).send(body);
    } catch (err) {
      next(err);
    }
  });
  return r;
}
