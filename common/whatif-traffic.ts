import { z } from 'zod';
import { DAY_TYPES } from './bochum-time.js';
import { LOS_CLASSES } from './derived.js';

/**
 * Wire types of the traffic what-if (issue 11): `POST /api/whatif/traffic` evaluates planned roadworks
 * in a sandbox copy of the traffic model (common/models/traffic-sandbox.ts) at one or a few instants;
 * `GET /api/whatif/traffic/links` lists the road graph's links a planner can close, with their course.
 */

/** Planned closures one evaluation takes at most: a roadworks plan is a handful of links (both directions of a few sections). */
export const WHATIF_MAX_CLOSURES = 20;
/** Instants one evaluation takes at most: each costs two equilibrium assignments on the server. */
export const WHATIF_MAX_INSTANTS = 4;
/** Request bodies are small: 20 closures and 4 instants are well under 4 kB. */
export const WHATIF_BODY_LIMIT = '8kb';

const epochMs = z.number().int().nonnegative();

export const plannedClosureSchema = z
  .strictObject({
    linkId: z.string().min(1).max(100),
    /** city time the roadworks begin, epoch ms */
    from: epochMs,
    /** city time they end, epoch ms (exclusive) */
    until: epochMs,
    /** remaining share of capacity (a lane closed); absent or 0: the link is closed */
    capacityFactor: z.number().min(0).max(0.95).optional(),
  })
  .refine((c) => c.until > c.from, { message: 'until must come after from', path: ['until'] });

export const trafficWhatIfRequestSchema = z.strictObject({
  closures: z.array(plannedClosureSchema).min(1, 'plan at least one closure').max(WHATIF_MAX_CLOSURES),
  /** the instants to evaluate, epoch ms (e.g. a day's morning and evening peak) */
  at: z.array(epochMs).min(1, 'give at least one instant').max(WHATIF_MAX_INSTANTS),
});

const losOrClosed = z.enum(LOS_CLASSES).nullable();

export const linkComparisonSchema = z.object({
  linkId: z.string(),
  street: z.string(),
  lanes: z.number(),
  lengthKm: z.number(),
  planned: z.boolean(),
  closedAfter: z.boolean(),
  volumeBeforeVehH: z.number(),
  volumeAfterVehH: z.number(),
  losBefore: losOrClosed,
  losAfter: losOrClosed,
  travelTimeBeforeS: z.number().nullable(),
  travelTimeAfterS: z.number().nullable(),
});

const totalsSchema = z.object({ vehicleHours: z.number(), congestedLaneKm: z.number(), closedLaneKm: z.number(), unassignedVehH: z.number() });

export const trafficWhatIfInstantSchema = z.object({
  at: z.number(),
  hour: z.number(),
  dayType: z.enum(DAY_TYPES),
  inForce: z.array(z.string()),
  links: z.array(linkComparisonSchema),
  before: totalsSchema,
  after: totalsSchema,
});

export const trafficWhatIfResponseSchema = z.object({
  instants: z.array(trafficWhatIfInstantSchema),
  /** live closures in force at an instant, counted in both states (ids) */
  liveClosures: z.array(z.string()),
  /** server time the evaluation took, ms */
  elapsedMs: z.number(),
});

export const roadLinkShapeSchema = z.object({
  id: z.string(),
  street: z.string(),
  roadClass: z.string(),
  lanes: z.number(),
  lengthM: z.number(),
  /** the link of the other direction (same street, ends swapped), if the graph has one */
  reverseId: z.string().nullable(),
  path: z.array(z.tuple([z.number(), z.number()])),
});

export const roadLinksResponseSchema = z.object({ links: z.array(roadLinkShapeSchema) });

export type PlannedClosureRequest = z.infer<typeof plannedClosureSchema>;
export type TrafficWhatIfRequest = z.infer<typeof trafficWhatIfRequestSchema>;
export type TrafficWhatIfResponse = z.infer<typeof trafficWhatIfResponseSchema>;
export type TrafficWhatIfInstant = z.infer<typeof trafficWhatIfInstantSchema>;
export type LinkComparisonWire = z.infer<typeof linkComparisonSchema>;
export type RoadLinkShape = z.infer<typeof roadLinkShapeSchema>;
