import { planFromGeoJson, type Measure } from '../../../common/measures.js';
import { planListSchema, planRequest, savedPlanSchema, type PlanSummary, type SavedPlan } from '../../../common/plans.js';
import { apiFetch } from '../auth/auth-client.js';

/** The server's one sentence for a refusal (`{ error, detail }`), or the status. */
async function failure(res: Response): Promise<Error> {
  const body = (await res.json().catch(() => null)) as { detail?: string } | null;
  return new Error(body?.detail ?? `HTTP ${res.status}`);
}

export async function listPlans(signal?: AbortSignal): Promise<PlanSummary[]> {
  const res = await fetch('/api/plans', { signal });
  if (!res.ok) throw await failure(res);
  return planListSchema.parse(await res.json()).plans;
}

/** A saved plan with its measures read back from its GeoJSON. */
export async function fetchPlan(id: string, signal?: AbortSignal): Promise<{ plan: SavedPlan; measures: Measure[] }> {
  const res = await fetch(`/api/plans/${encodeURIComponent(id)}`, { signal });
  if (!res.ok) throw await failure(res);
  const plan = savedPlanSchema.parse(await res.json());
  return { plan, measures: planFromGeoJson(plan.measures) };
}

export async function savePlan(name: string, measures: ReadonlyArray<Measure>): Promise<SavedPlan> {
  const res = await apiFetch('/api/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(planRequest(name, measures)) });
  if (!res.ok) throw await failure(res);
  return savedPlanSchema.parse(await res.json());
}

/** The plan saved again under its id (its author or an admin): name and measures replaced. */
export async function updatePlan(id: string, name: string, measures: ReadonlyArray<Measure>): Promise<SavedPlan> {
  const res = await apiFetch(`/api/plans/${encodeURIComponent(id)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(planRequest(name, measures)) });
  if (!res.ok) throw await failure(res);
  return savedPlanSchema.parse(await res.json());
}

export async function deletePlan(id: string): Promise<void> {
  const res = await apiFetch(`/api/plans/${encodeURIComponent(id)}`, { method: 'DELETE' });
  if (!res.ok) throw await failure(res);
}
