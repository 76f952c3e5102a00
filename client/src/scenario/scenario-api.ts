import { scenarioListSchema, scenarioSwitchResultSchema, type ScenarioList, type ScenarioSwitchRequest, type ScenarioSwitchResult } from '../../../common/scenarios.js';
import { apiFetch } from '../auth/auth-client.js';

/** GET /api/scenarios: the picker's list and what runs now. */
export async function fetchScenarios(signal?: AbortSignal): Promise<ScenarioList> {
  const res = await fetch('/api/scenarios', { signal, cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return scenarioListSchema.parse(await res.json());
}

/** POST /api/scenario (admin): the server's own sentence when it refuses. */
export async function switchScenario(req: ScenarioSwitchRequest): Promise<ScenarioSwitchResult> {
  const res = await apiFetch('/api/scenario', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
  const body = (await res.json().catch(() => null)) as { message?: string; detail?: string } | null;
  if (!res.ok) throw new Error(body?.message ?? body?.detail ?? `HTTP ${res.status}`);
  return scenarioSwitchResultSchema.parse(body);
}
