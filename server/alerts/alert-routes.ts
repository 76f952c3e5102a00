import express, { Router } from 'express';
import { alertAckRequestSchema, alertShelveRequestSchema } from '../../common/protocol.js';
import { formatZodError } from '../../common/zod-error.js';
import type { AuditLog } from '../auth/audit-log.js';
import { actorOf, auditContext, principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import type { SharedChange } from '../cluster/cluster-events.js';
import type { HistoryStore } from '../store/history-store.js';
import type { ActionResult, AlertEngine } from './alert-engine.js';
import { alertQuerySchema, queryAlerts } from './alert-query.js';

export interface AlertRouteDeps {
  engine: AlertEngine;
  store: HistoryStore;
  currentRun: () => string;
  cityNow: () => number;
  audit: AuditLog;
  /** after an acknowledgement or shelf: send the changed list on the next tick */
  changed: () => void;
  /** to the other nodes of a cluster */
  share?: SharedChange;
}

/**
 * The alert list: read (open to readers, like the map), acknowledge and shelve (operator role,
 * each on the audit log). `:id` is an alert's id or a group's id (then every member it applies to).
 */
export function alertRoutes(d: AlertRouteDeps): Router {
  const r = Router();
  r.use(express.json({ limit: '4kb' }));

  r.get('/', async (req, res) => {
    const q = alertQuerySchema.safeParse(req.query);
    if (!q.success) {
      res.status(400).json({ error: 'invalid_query', message: formatZodError(q.error, { whole: 'query' }) });
      return;
    }
    res.json({ alerts: await queryAlerts(d.store, d.currentRun(), q.data, d.engine.list(), d.cityNow()) });
  });

  /** Records the action (before answering, so the audit log never lags the answer) and answers. */
  const answer = async (req: express.Request, res: express.Response, result: ActionResult, audit: (alerts: string[]) => { action: 'alert_acknowledged' | 'alert_shelved'; detail: Record<string, unknown> }) => {
    if (!result.ok) {
      res.status(result.error === 'not_found' ? 404 : 409).json({ error: result.error, message: result.message });
      return;
    }
    d.changed();
    const a = audit(result.alerts.map((x) => x.id));
    await d.audit.record({ ...auditContext(req, res), action: a.action, target: req.params.id as string, detail: a.detail });
    res.json({ alerts: result.alerts });
  };

  r.post('/:id/ack', requireRole('operator'), async (req: express.Request<{ id: string }>, res) => {
    const body = alertAckRequestSchema.safeParse(req.body ?? {});
    if (!body.success) {
      res.status(400).json({ error: 'invalid_body', message: formatZodError(body.error, { whole: 'body' }) });
      return;
    }
    const comment = body.data.comment || undefined;
    const by = actorOf(principalOf(res));
    const t = d.cityNow();
    const result = d.engine.acknowledge(req.params.id, by, comment, t);
    if (result.ok) d.share?.({ type: 'alert_acknowledged', keys: result.alerts.map((a) => a.key), by, ...(comment ? { comment } : {}), t });
    await answer(req, res, result, (alerts) => ({ action: 'alert_acknowledged', detail: { alerts, comment: comment ?? null } }));
  });

  r.post('/:id/shelve', requireRole('operator'), async (req: express.Request<{ id: string }>, res) => {
    const body = alertShelveRequestSchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'invalid_body', message: formatZodError(body.error, { whole: 'body' }) });
      return;
    }
    const now = d.cityNow();
    const until = now + body.data.minutes * 60_000;
    const by = actorOf(principalOf(res));
    const result = d.engine.shelve(req.params.id, by, until, body.data.reason, now);
    if (result.ok) d.share?.({ type: 'alert_shelved', keys: result.alerts.map((a) => a.key), by, until, reason: body.data.reason, t: now });
    await answer(req, res, result, (alerts) => ({ action: 'alert_shelved', detail: { alerts, minutes: body.data.minutes, until, reason: body.data.reason } }));
  });

  return r;
}
