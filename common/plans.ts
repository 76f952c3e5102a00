import { z } from 'zod';
import { planFromGeoJson, planToGeoJson, type Measure } from './measures.js';

/**
 * Saved heat-adaptation plans (issue 11): a planner names the measures drawn on the map and stores them,
 * so a colleague opens the same plan by its address (`?plan=<id>`). The wire types of
 * `GET/POST /api/plans` and `GET/PUT/DELETE /api/plans/:id`; the measures travel as the GeoJSON
 * FeatureCollection the export writes (common/measures.ts planToGeoJson), so a saved plan and a
 * downloaded one are the same file.
 */

/** A saved plan's id: `p` and ten base-36 characters. No colon, so it never reads as an encoded plan (`t:…`). */
export const SAVED_PLAN_ID = /^p[0-9a-z]{10}$/;
export const savedPlanIdSchema = z.string().regex(SAVED_PLAN_ID, 'a saved plan id is "p" and ten letters or digits');

export function isSavedPlanId(raw: string | null): raw is string {
  return raw !== null && SAVED_PLAN_ID.test(raw);
}

/** Largest request body of POST /api/plans: the register's 1,076 trees as GeoJSON are ≈ 120 kB. */
export const PLAN_BODY_LIMIT_BYTES = 512 * 1024;
export const PLAN_NAME_MAX = 120;
/** Saved plans a list answers with at most, newest first. */
export const PLAN_LIST_LIMIT = 200;

const featureCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()).min(1, 'a plan needs at least one measure').max(5000) });

/**
 * POST /api/plans, and PUT /api/plans/:id (the plan saved again under its id: name and measures
 * replaced, its author and creation time kept). The measures are read with planFromGeoJson, so a bad
 * coordinate or an unknown measure is a 400 naming the feature; the author is the session's, never the body's.
 */
export const planRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'name: give the plan a name').max(PLAN_NAME_MAX),
    measures: featureCollectionSchema,
  })
  .transform((body, ctx) => {
    try {
      return { name: body.name, measures: planFromGeoJson(body.measures) };
    } catch (err) {
      const issues = err instanceof z.ZodError ? err.issues : [{ path: [], message: String(err) }];
      for (const issue of issues) ctx.addIssue({ code: 'custom', path: ['measures', ...(issue.path as PropertyKey[])], message: issue.message });
      return z.NEVER;
    }
  });
export type PlanRequest = z.input<typeof planRequestSchema>;

export const planSummarySchema = z.object({
  id: savedPlanIdSchema,
  name: z.string(),
  /** who saved it (the session's user) */
  author: z.string(),
  /** wall-clock time it was saved, epoch ms */
  createdAt: z.number(),
  /** wall-clock time it was last saved again under its id; null while never */
  updatedAt: z.number().nullable(),
  measureCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const planListSchema = z.object({ plans: z.array(planSummarySchema) });

export const savedPlanSchema = planSummarySchema.extend({
  /** the measures as a GeoJSON FeatureCollection (WGS84) */
  measures: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
});
export type SavedPlan = z.infer<typeof savedPlanSchema>;

/** What a client posts for its drawn measures. */
export function planRequest(name: string, measures: ReadonlyArray<Measure>): PlanRequest {
  return { name, measures: planToGeoJson(measures) };
}
