import { z } from 'zod';
import { scenarioInfoSchema } from './protocol.js';

/** One scenario the operator can switch to (GET /api/scenarios), from scenarios/<id>.json. */
export const scenarioSummarySchema = z.object({
  id: z.string(),
  name: z.object({ de: z.string(), en: z.string() }),
  description: z.object({ de: z.string(), en: z.string() }),
  /** its own start (city time, ISO 8601 with offset) and speed (simulated seconds per real second) */
  start: z.string(),
  speed: z.number().positive(),
});

/** GET /api/scenarios: what the picker offers, and what runs now (null on a real-time server). */
export const scenarioListSchema = z.object({
  current: scenarioInfoSchema.nullable(),
  /** the history run this server writes (null before the store opened) */
  run: z.string().nullable(),
  scenarios: z.array(scenarioSummarySchema),
  /** why POST /api/scenario would refuse on this server (real time, a cluster), null when it can switch */
  refusal: z.string().nullable(),
});

/** Body of POST /api/scenario (admin): which scenario, and optionally its start (city time) and speed. */
export const scenarioSwitchRequestSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'scenario id: lower-case letters, digits and -').max(100),
  /** city time the new clock starts at, ISO 8601 with offset; the scenario's own start when left out */
  start: z.iso.datetime({ offset: true }).optional(),
  /** simulated seconds per real second; the scenario's own speed when left out */
  speed: z.number().positive().max(10_000).optional(),
});

/** Answer of POST /api/scenario: the scenario now running, its new history run and the city time it starts at. */
export const scenarioSwitchResultSchema = z.object({
  scenario: scenarioInfoSchema,
  run: z.string(),
  from: z.string().nullable(),
  cityTime: z.number(),
});

export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;
export type ScenarioList = z.infer<typeof scenarioListSchema>;
export type ScenarioSwitchRequest = z.infer<typeof scenarioSwitchRequestSchema>;
export type ScenarioSwitchResult = z.infer<typeof scenarioSwitchResultSchema>;
