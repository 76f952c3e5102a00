import express, { Router, type Request, type Response } from 'express';
import { PLAN_BODY_LIMIT_BYTES, planRequestSchema, savedPlanIdSchema, type SavedPlan } from '../../common/plans.js';
import { formatZodError } from '../../common/zod-error.js';
import type { AuditLog } from '../auth/audit-log.js';
import { actorOf, auditContext, principalOf, roleOf } from '../auth/principal.js';
import { requireRole } from '../auth/require-role.js';
import type { ErrorBody } from '../http/error-handler.js';
import type { PlanStore } from './plan-store.js';

/**
 * Saved heat what-if plans (issue 11): list and read them as every other read (open to readers, or to
 * logged-in users with PUBLIC_READ=off); save one with the planner role (operators and admins have it
 * too), the author taken from the session; save one again under its id (PUT: name and measures
 * replaced, author and creation time kept) or delete it as its author or an admin. Bodies over
 * PLAN_BODY_LIMIT_BYTES are 413, bad measures 400 naming the feature. Saves, updates and deletes are audited.
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

  /** The saved plan named by the request when the session may change it (its author or an admin); else answers 404 / 403 and null. */
  const ownPlan = async (req: Request<{ id: string }>, res: Response, verb: string): Promise<SavedPlan | null> => {
    const id = idOf(req, res);
    if (id === null) return null;
    const plan = await d.plans.get(id);
    if (!plan) {
      refuse(res, 404, 'not_found', `no saved plan "${id}"`);
      return null;
    }
    const p = principalOf(res);
    if (actorOf(p) !== plan.author && roleOf(p) !== 'admin') {
      refuse(res, 403, 'forbidden', `only its author (${plan.author}) or an admin may ${verb} plan "${id}"`);
      return null;
    }
    return plan;
  };

  r.put('/:id', requireRole('planner'), express.json({ limit: PLAN_BODY_LIMIT_BYTES }), async (req: Request<{ id: string }>, res) => {
    const plan = await ownPlan(req, res, 'change');
    if (!plan) return;
    const parsed = planRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      refuse(res, 400, 'invalid_body', formatZodError(parsed.error, { whole: 'body', limit: 5 }));
      return;
    }
    const updated = await d.plans.update(plan.id, parsed.data, now());
    // deleted between the read and the write
    if (!updated) {
      refuse(res, 404, 'not_found', `no saved plan "${plan.id}"`);
      return;
    }
    await d.audit.record({
      ...auditContext(req, res),
      action: 'plan_updated',
      target: plan.id,
      detail: { name: updated.name, measures: updated.measureCount, ...(updated.name !== plan.name ? { previousName: plan.name } : {}), previousMeasures: plan.measureCount },
    });
    res.json(updated);
  });

  r.delete('/:id', requireRole('planner'), async (req: Request<{ id: string }>, res) => {
    const plan = await ownPlan(req, res, 'delete');
    if (!plan) return;
    const id = plan.id;
    await d.plans.remove(id);
    await d.audit.record({ ...auditContext(req, res), action: 'plan_deleted', target: id, detail: { name: plan.name, author: plan.author } });
    res.status(204).end();
  });
  return r;
}
