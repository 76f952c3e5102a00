import express, { Router, type Request, type Response } from 'express';
import { PLAN_BODY_LIMIT_BYTES, planRequestSchema, savedPlanIdSchema } from '../../common/plans.js';
import { formatZodError } from '../../common/zod-error.js';
import type { AuditLog } from '../auth/audit-log.js';
import { actorOf, auditContext, principalOf, roleOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import type { ErrorBody } from '../http/error-handler.js';
import type { PlanStore } from './plan-store.js';

/**
 * Saved heat what-if plans (issue 11): list and read them as every other read (open to readers, or to
 * logged-in users with PUBLIC_READ=off); save one with the planner role (operators and admins have it
 * too), the author taken from the session; delete one as its author or an admin. Bodies over
 * PLAN_BODY_LIMIT_BYTES are 413, bad measures 400 naming the feature. Saves and deletes are audited.
 */
export function planRoutes(d: { plans: PlanStore; audit: AuditLog; now?: () => number }): Router {
  const r = Router();
  const now = d.now ?? Date.now;
  const refuse = (res: Response, status: number, error: string, detail: string) => res.status(status).json({ error, detail } satisfies ErrorBody);
  const idOf = (req: Request<{ id: string }>, res: Response): string | null => {
    const id = savedPlanIdSchema.safeParse(req.params.id);
    if (id.success) return id.data;
    refuse(res, 404, 'not_found', `no saved plan "${req.params.id.slice(0, 40)}" (ids look like p0a1b2c3d4e)`);
    return null;
  };

  r.get('/', async (_req, res) => {
    res.json({ plans: await d.plans.list() });
  });

  r.post('/', requireRole('planner'), express.json({ limit: PLAN_BODY_LIMIT_BYTES }), async (req, res) => {
    const parsed = planRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      refuse(res, 400, 'invalid_body', formatZodError(parsed.error, { whole: 'body', limit: 5 }));
      return;
    }
    const plan = await d.plans.save({ name: parsed.data.name, author: actorOf(principalOf(res)), measures: parsed.data.measures }, now());
    await d.audit.record({ ...auditContext(req, res), action: 'plan_saved', target: plan.id, detail: { name: plan.name, measures: plan.measureCount } });
    res.status(201).location(`/api/plans/${plan.id}`).json(plan);
  });

  r.get('/:id', async (req: Request<{ id: string }>, res) => {
    const id = idOf(req, res);
    if (id === null) return;
    const plan = await d.plans.get(id);
    if (!plan) refuse(res, 404, 'not_found', `no saved plan "${id}"`);
    else res.json(plan);
  });

  r.delete('/:id', requireRole('planner'), async (req: Request<{ id: string }>, res) => {
    const id = idOf(req, res);
    if (id === null) return;
    const plan = await d.plans.get(id);
    if (!plan) {
      refuse(res, 404, 'not_found', `no saved plan "${id}"`);
      return;
    }
    const p = principalOf(res);
    if (actorOf(p) !== plan.author && roleOf(p) !== 'admin') {
      refuse(res, 403, 'forbidden', `only its author (${plan.author}) or an admin may delete plan "${id}"`);
      return;
    }
    await d.plans.remove(id);
    await d.audit.record({ ...auditContext(req, res), action: 'plan_deleted', target: id, detail: { name: plan.name, author: plan.author } });
    res.status(204).end();
  });
  return r;
}
