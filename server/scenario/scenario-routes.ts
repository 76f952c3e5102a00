import express, { Router } from 'express';
import { scenarioSwitchRequestSchema, type ScenarioList } from '../../common/scenarios.js';
import { formatZodError } from '../../common/zod-error.js';
import { requireRole } from '../auth/require-role.js';
import { auditContext } from '../auth/principal.js';
import type { Logger } from '../logger.js';
import { listScenarios, type CityScenario } from './city-scenario.js';
import type { ScenarioSwitch } from './scenario-switch.js';

/** 409s: the error code and the sentence that says what to do. */
const REFUSALS = {
  'real-time': ['real_time', 'this server shows the real city (SIMULATOR=off): there is no scenario to switch'],
  cluster: ['cluster', 'scenarios cannot be switched at run time in a cluster (REDIS_URL): restart every node with the same SCENARIO (docs/deploy.md)'],
  busy: ['busy', 'a scenario switch is under way: try again in a moment'],
  'not-ready': ['not_ready', 'the history store has not opened yet: try again in a moment'],
} as const;

/**
 * GET /api/scenarios (the picker: every scenario file, the one running and its run) and
 * POST /api/scenario (admin, CSRF as every write): switch at run time (./scenario-switch.ts).
 */
export function scenarioRoutes(d: { city: CityScenario; switcher: ScenarioSwitch; log: Logger; scenarioDir?: string }): Router {
  const r = Router();

  r.get('/scenarios', (_req, res) => {
    const standing = d.switcher.standingRefusal();
    const body: ScenarioList = { current: d.city.info(), run: d.switcher.runId, scenarios: listScenarios(d.log, d.scenarioDir), refusal: standing && REFUSALS[standing][1] };
    res.json(body);
  });

  r.post('/scenario', requireRole('admin'), express.json({ limit: '2kb' }), async (req, res, next) => {
    try {
      const parsed = scenarioSwitchRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'invalid_body', message: formatZodError(parsed.error, { whole: 'body' }) });
        return;
      }
      const result = await d.switcher.switchTo(parsed.data, auditContext(req, res));
      if (!('refused' in result)) {
        res.json(result);
        return;
      }
      if (result.refused === 'unknown') res.status(404).json({ error: 'unknown_scenario', message: `no scenario "${parsed.data.id}"; known: ${result.known.join(', ')}`, known: result.known });
      else if (result.refused === 'invalid') res.status(422).json({ error: 'invalid_scenario', message: result.detail });
      else {
        const [error, message] = REFUSALS[result.refused];
        res.status(409).json({ error, message });
      }
    } catch (err) {
      next(err);
    }
  });

  return r;
}
