import express, { Router } from 'express';
import { Counter, type Registry } from 'prom-client';
import { UnknownLinkError } from '../../common/models/traffic-sandbox.js';
import { WHATIF_BODY_LIMIT, trafficWhatIfRequestSchema, type RoadLinkShape } from '../../common/whatif-traffic.js';
import { formatZodError } from '../../common/zod-error.js';
import { requireRole } from '../auth/require-role.js';
import { RoadworksUnavailableError, type RoadworksEvaluator } from '../whatif/roadworks-evaluator.js';

const OUTCOMES = ['evaluated', 'invalid_body', 'unknown_link', 'unavailable', 'failed'] as const;

/**
 * The traffic what-if: planned roadworks evaluated in a sandbox copy of the traffic model. Reading
 * the graph's links is open to readers; an evaluation needs the planner role (operators and admins
 * have it too) and, being a POST, passes the write rate limit. Nothing here changes the live network
 * or the closures on record, so nothing goes on the audit log. The evaluation runs in a worker thread
 * (server/whatif/roadworks-evaluator.ts): the route answers when the thread does.
 */
export function whatIfTrafficRoutes(d: { sandbox: Pick<RoadworksEvaluator, 'evaluate'>; links: RoadLinkShape[]; metrics?: Registry }): Router {
  const r = Router();
  const counted = new Counter({
    name: 'stadtpuls_whatif_traffic_requests_total',
    help: 'Traffic what-if evaluations, by outcome (evaluated or why refused).',
    labelNames: ['outcome'],
    registers: d.metrics ? [d.metrics] : [],
  });
  for (const outcome of OUTCOMES) counted.inc({ outcome }, 0);
  const links = { links: d.links };

  r.get('/whatif/traffic/links', (_req, res) => {
    res.json(links);
  });

  r.post('/whatif/traffic', requireRole('planner'), express.json({ limit: WHATIF_BODY_LIMIT }), (req, res) => {
    const parsed = trafficWhatIfRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      counted.inc({ outcome: 'invalid_body' });
      res.status(400).json({ error: 'invalid_body', message: formatZodError(parsed.error, { whole: 'body', limit: 5 }) });
      return;
    }
    d.sandbox.evaluate(parsed.data).then(
      (result) => {
        counted.inc({ outcome: 'evaluated' });
        res.json(result);
      },
      (err: Error) => {
        if (err instanceof UnknownLinkError) {
          counted.inc({ outcome: 'unknown_link' });
          res.status(404).json({ error: 'unknown_link', message: err.message, linkIds: err.linkIds });
        } else if (err instanceof RoadworksUnavailableError) {
          counted.inc({ outcome: 'unavailable' });
          res.status(503).set('retry-after', '5').json({ error: 'whatif_unavailable', message: err.message });
        } else {
          counted.inc({ outcome: 'failed' });
          res.status(500).json({ error: 'whatif_failed', message: `the roadworks evaluation failed: ${err.message}` });
        }
      },
    );
  });

  return r;
}
