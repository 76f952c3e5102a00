import express, { Router } from 'express';
import { trafficClosurePatchSchema, trafficClosureRequestSchema } from '../../common/protocol.js';
import { formatZodError } from '../../common/zod-error.js';
import type { ClosureStore } from '../traffic/closures.js';
import type { AuditLog } from '../auth/audit-log.js';
import { actorOf, auditContext, principalOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import type { SharedChange } from '../cluster/cluster-events.js';

/**
 * Closures and incidents on the road graph: list (open to readers), set (now or planned), edit and lift (operator role,
 * each on the audit log with who, when and from where).
 */
export function trafficRoutes(d: { closures: ClosureStore; audit: AuditLog; /** to the other nodes of a cluster */ share?: SharedChange }): Router {
  const r = Router();
  r.use(express.json({ limit: '4kb' }));

  r.get('/closures', (_req, res) => {
    res.json({ closures: d.closures.list(), planned: d.closures.planned() });
  });

  r.post('/closures', requireRole('operator'), async (req, res) => {
    const parsed = trafficClosureRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid_body',
        message: formatZodError(parsed.error, { whole: 'body' }),
      });
      return;
    }
    if (parsed.data.kind === 'closure' && parsed.data.capacityFactor !== undefined && parsed.data.capacityFactor !== 0) {
      res.status(400).json({ error: 'invalid_body', message: 'capacityFactor: a closure leaves no capacity; use kind "incident"' });
      return;
    }
    const result = d.closures.add(parsed.data, { setBy: actorOf(principalOf(res)) });
    if (!result.ok) {
      const [status, message] =
        result.error === 'unknown_link'
          ? [404, `no road link "${parsed.data.linkId}" (ids as in data/roads.geojson, e.g. a detector's linkId)`]
          : result.error === 'ends_before_start'
            ? [400, 'until: the end must come after the start (from, or now)']
            : [409, `link "${parsed.data.linkId}" is already closed, planned to close or has an incident in that time; lift that first`];
      res.status(status).json({ error: result.error === 'ends_before_start' ? 'invalid_body' : result.error, message });
      return;
    }
    const c = result.closure;
    d.share?.({ type: 'closure_set', closure: c });
    await d.audit.record({
      ...auditContext(req, res),
      action: 'closure_set',
      target: c.id,
      detail: { linkId: c.linkId, street: c.street, kind: c.kind, capacityFactor: c.capacityFactor, note: c.note ?? null, since: c.since, until: c.until ?? null },
    });
    res.status(201).location(`/api/traffic/closures/${c.id}`).json(c);
  });

  r.patch('/closures/:id', requireRole('operator'), async (req: express.Request<{ id: string }>, res) => {
    const parsed = trafficClosurePatchSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'invalid_body', message: formatZodError(parsed.error, { whole: 'body' }) });
      return;
    }
    const before = d.closures.get(req.params.id);
    const result = d.closures.edit(req.params.id, parsed.data, actorOf(principalOf(res)));
    if (!result.ok) {
      const [status, error, message] =
        result.error === 'not_found'
          ? [404, 'not_found', `no active or planned closure "${req.params.id}"`]
          : result.error === 'not_an_incident'
            ? [400, 'invalid_body', 'capacityFactor: a closure leaves no capacity; only an incident has one to change']
            : [400, 'invalid_body', 'until: the end must come after the start and after now'];
      res.status(status).json({ error, message });
      return;
    }
    const c = result.closure;
    d.share?.({ type: 'closure_edited', closure: c });
    await d.audit.record({
      ...auditContext(req, res),
      action: 'closure_edited',
      target: c.id,
      detail: { linkId: c.linkId, street: c.street, changed: parsed.data, before: { note: before?.note ?? null, until: before?.until ?? null, capacityFactor: before?.capacityFactor ?? null } },
    });
    res.json(c);
  });

  r.delete('/closures/:id', requireRole('operator'), async (req: express.Request<{ id: string }>, res) => {
    if (!d.closures.lift(req.params.id)) {
      res.status(404).json({ error: 'not_found', message: `no active or planned closure "${req.params.id}"` });
      return;
    }
    d.share?.({ type: 'closure_lifted', id: req.params.id });
    await d.audit.record({ ...auditContext(req, res), action: 'closure_lifted', target: req.params.id });
    res.status(204).end();
  });


  return r;
}
