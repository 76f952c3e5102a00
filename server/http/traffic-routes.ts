import express, { Router } from 'express';
import { trafficClosureRequestSchema } from '../../common/protocol.js';
import { formatZodError } from '../../common/zod-error.js';
import type { ClosureStore } from '../traffic/closures.js';
import type { AuditLog } from '../auth/audit-log.js';
import { auditContext } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';

/**
 * Closures and incidents on the road graph: list (open to readers), set and lift (operator role,
 * each on the audit log with who, when and from where).
 */
export function trafficRoutes(d: { closures: ClosureStore; audit: AuditLog }): Router {
  const r = Router();
  r.use(express.json({ limit: '4kb' }));

  r.get('/closures', (_req, res) => {
    res.json({ closures: d.closures.list() });
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
    const result = d.closures.add(parsed.data);
    if (!result.ok) {
      const [status, message] =
        result.error === 'unknown_link'
          ? [404, `no road link "${parsed.data.linkId}" (ids as in data/roads.geojson, e.g. a detector's linkId)`]
          : [409, `link "${parsed.data.linkId}" is already closed or has an incident; lift that first`];
      res.status(status).json({ error: result.error, message });
      return;
    }
    const c = result.closure;
    await d.audit.record({ ...auditContext(req, res), action: 'closure_set', target: c.id, detail: { linkId: c.linkId, street: c.street, kind: c.kind, capacityFactor: c.capacityFactor, note: c.note ?? null } });
    res.status(201).location(`/api/traffic/closures/${c.id}`).json(c);
  });

  r.delete('/closures/:id', requireRole('operator'), async (req: express.Request<{ id: string }>, res) => {
    if (!d.closures.lift(req.params.id)) {
      res.status(404).json({ error: 'not_found', message: `no active closure "${req.params.id}"` });
      return;
    }
    await d.audit.record({ ...auditContext(req, res), action: 'closure_lifted', target: req.params.id });
    res.status(204).end();
  });

  // a malformed JSON body: express.json() hands a SyntaxError with status 400 to the error handler
  r.use((err: { status?: number; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (err.status === 400 || err.status === 413) {
      res.status(err.status).json({ error: 'invalid_body', message: err.message ?? 'unreadable body' });
      return;
    }
    next(err);
  });

  return r;
}
