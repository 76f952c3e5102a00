import { z } from 'zod';
import { readingSchema } from './readings.js';
import { derivedSchema } from './derived.js';

/**
 * The Socket.IO wire protocol between server and client (docs/protocol.md explains the flow).
 *
 * On connect the server sends one `snapshot`. From then on it sends one `delta` per stream tick,
 * also when nothing changed, so the client can tell a quiet city from a dead link.
 * Every message carries `seq`; a delta's seq is exactly one more than the message before it.
 * A client that sees a gap (or a different `instance`, i.e. a restarted server) emits
 * `snapshot:request` and ignores deltas until the new snapshot arrives.
 */

export const EVENTS = {
  snapshot: 'snapshot',
  delta: 'delta',
  snapshotRequest: 'snapshot:request',
} as const;

/** The latest reading of one sensor together with the figures derived from it. */
export const liveEntrySchema = z.object({
  reading: readingSchema,
  derived: derivedSchema,
  /** server time the reading was accepted, epoch ms */
  receivedAt: z.number(),
});

const clockSchema = z.object({
  /** message sequence number, see above */
  seq: z.number().int().nonnegative(),
  /** id of this server process; changes on restart */
  instance: z.string(),
  /** server wall-clock time, epoch ms */
  serverTime: z.number(),
  /** the city's (possibly simulated) current time, epoch ms */
  cityTime: z.number(),
});

export const scenarioInfoSchema = z.object({
  id: z.string(),
  name: z.object({ de: z.string(), en: z.string() }),
  /** how many simulated seconds pass per real second */
  speed: z.number().positive(),
});

export const snapshotSchema = clockSchema.extend({
  scenario: scenarioInfoSchema.nullable(),
  /** the stream tick, ms: a client that hears nothing for a few ticks knows the link is stale */
  tickMs: z.number().int().positive(),
  entries: z.array(liveEntrySchema),
});

export const deltaSchema = clockSchema.extend({
  /** entries whose reading changed since the previous message (latest per sensor) */
  entries: z.array(liveEntrySchema),
});

export type LiveEntry = z.infer<typeof liveEntrySchema>;
export type ScenarioInfo = z.infer<typeof scenarioInfoSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
export type Delta = z.infer<typeof deltaSchema>;

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
}

export interface ClientToServerEvents {
  'snapshot:request': () => void;
}

/** Runtime settings the server hands the browser (GET /api/config). */
export const clientConfigSchema = z.object({
  mapStyleUrl: z.string().nullable(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;
