import { z } from 'zod';
import { readingSchema } from './readings.js';
import { derivedSchema } from './derived.js';
import { HEAT_ALERT_LEVELS } from './models/heat-alerts.js';
import { PARKING_ALERT_LEVELS } from './models/parking-alerts.js';
import { ALERT_STATES } from './models/alert-lifecycle.js';
import type { Kpis } from './kpis.js';
import type { WorstLink } from './traffic-ranking.js';
import type { ColumnsDelta, ColumnsSnapshot, Subscription } from './wire/live-messages.js';

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
  dropped: 'dropped',
  /** the columnar form (common/wire/live-messages.ts), for clients that connect with format=columns */
  columnsSnapshot: 'snapshot:columns',
  columnsDelta: 'delta:columns',
  /** client → server: which kinds and area it shows (subscriptionSchema) */
  subscribe: 'subscribe',
} as const;

/** The city-wide header figures (common/kpis.ts), computed by the server each tick: a client subscribed to part of the city still shows the whole city's. */
export const kpisSchema = z.custom<Kpis>((v) => typeof v === 'object' && v !== null, 'kpis must be an object');
/** The city's five worst links now (common/traffic-ranking.ts), computed with the KPIs. */
export const worstLinksSchema = z.custom<WorstLink[]>((v) => Array.isArray(v), 'worstLinks must be a list');

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

/** Heat figures of one Stadtbezirk from the interpolated UTCI surface (common/models/district-heat.ts). */
export const districtHeatSchema = z.object({
  districtId: z.string(),
  name: z.string(),
  meanUtciC: z.number(),
  maxUtciC: z.number(),
  /** share of the area at strong heat stress or worse, 0 … 1 */
  shareStrongOrWorse: z.number(),
  /** shares of the area at UTCI ≥ 26 °C and ≥ 38 °C, 0 … 1 (added with issue 11; absent from older servers and records) */
  shareModerateOrWorse: z.number().optional(),
  shareVeryStrongOrWorse: z.number().optional(),
  /** hours of the current Bochum day with the district mean at moderate heat stress or worse (UTCI ≥ 26 °C) */
  hoursHeatStressToday: z.number(),
});

export const ALERT_KINDS = ['heat', 'traffic', 'parking', 'charging', 'sensor'] as const;
/** What an alert says, per kind: heat by UTCI level, traffic, parking, charging, sensor health (server/alerts/). */
export const ALERT_LEVELS = [
  ...HEAT_ALERT_LEVELS,
  'congested',
  'closure',
  'incident',
  ...PARKING_ALERT_LEVELS,
  'site_down',
  'point_faulted',
  'sensor_silent',
  'feed_down',
] as const;
/** Alarm priority (ISA-18.2): how urgently an operator should act. */
export const ALERT_SEVERITIES = ['low', 'medium', 'high'] as const;
export const ALERT_PLACE_TYPES = ['station', 'district', 'link', 'car_park', 'charging_site', 'charge_point', 'sensor', 'feed'] as const;

/**
 * One alert with its lifecycle (common/models/alert-lifecycle.ts). `id` names this occurrence;
 * `key` names the condition's place, shared by every occurrence of it. Related alerts share a
 * `group` (the stations of a district, the detectors of a street, the points of a site), and
 * the wall shows one row per group.
 */
export const alertSchema = z.object({
  id: z.string(),
  key: z.string(),
  kind: z.enum(ALERT_KINDS),
  level: z.enum(ALERT_LEVELS),
  severity: z.enum(ALERT_SEVERITIES),
  place: z.object({
    type: z.enum(ALERT_PLACE_TYPES),
    id: z.string(),
    name: z.string(),
    /** where the map flies to, [lon, lat]; absent for a feed */
    lonLat: z.tuple([z.number(), z.number()]).optional(),
  }),
  group: z.string(),
  groupName: z.string(),
  /** the figure behind it (UTCI °C, occupancy %, minutes at LOS F, …), null when there is none */
  value: z.number().nullable(),
  unit: z.string().nullable(),
  state: z.enum(ALERT_STATES),
  /** whether the condition is present now */
  active: z.boolean(),
  /** city time the alert was raised, epoch ms */
  raisedAt: z.number(),
  /** city time the current level was reached, epoch ms */
  levelSince: z.number(),
  /** city time the condition last went away, epoch ms */
  clearedAt: z.number().optional(),
  acknowledgedBy: z.string().optional(),
  /** city time of the acknowledgement, epoch ms */
  acknowledgedAt: z.number().optional(),
  acknowledgedComment: z.string().optional(),
  /** city time the shelf ends, epoch ms */
  shelvedUntil: z.number().optional(),
  shelvedBy: z.string().optional(),
  shelveReason: z.string().optional(),
});

/** Body of POST /api/alerts/:id/ack. */
export const alertAckRequestSchema = z.strictObject({
  comment: z.string().trim().max(500).optional(),
});

/** Body of POST /api/alerts/:id/shelve: for how many minutes of city time, and why. */
export const alertShelveRequestSchema = z.strictObject({
  minutes: z.number().int().min(1).max(7 * 24 * 60),
  reason: z.string().trim().min(1).max(200),
});

/** Answer of GET /api/alerts. */
export const alertListSchema = z.object({ alerts: z.array(alertSchema) });

/** A closure or incident on one road-graph link (data/roads.geojson), set by an operator or a scenario. */
export const trafficClosureSchema = z.object({
  id: z.string(),
  linkId: z.string(),
  street: z.string(),
  /** closure: the link carries nothing; incident: its capacity is cut to capacityFactor */
  kind: z.enum(['closure', 'incident']),
  /** remaining share of the link's capacity, 0 … 1 (0 for a closure) */
  capacityFactor: z.number().min(0).max(1),
  note: z.string().optional(),
  /** city time it takes (planned roadworks) or took effect, epoch ms */
  since: z.number(),
  /** city time it ends by itself, epoch ms */
  until: z.number().optional(),
  source: z.enum(['operator', 'scenario']),
  /** who set it (the operator's user name; absent for scenario closures) and at which city time */
  setBy: z.string().optional(),
  setAt: z.number().optional(),
  /** who last edited note, end or capacity, and at which city time */
  editedBy: z.string().optional(),
  editedAt: z.number().optional(),
});

/** Body of POST /api/traffic/closures. */
export const trafficClosureRequestSchema = z.strictObject({
  linkId: z.string().min(1).max(100),
  kind: z.enum(['closure', 'incident']),
  /** incidents only; defaults to 0.5 */
  capacityFactor: z.number().min(0).max(1).optional(),
  note: z.string().max(200).optional(),
  /** city time it takes effect, epoch ms (planned roadworks); absent: now */
  from: z.number().int().nonnegative().optional(),
  /** city time it ends by itself, epoch ms; absent: until lifted */
  until: z.number().int().nonnegative().optional(),
});

/** Body of PATCH /api/traffic/closures/:id: what an operator may change on a closure in force or planned. */
export const trafficClosurePatchSchema = z
  .strictObject({
    note: z.string().max(200).optional(),
    /** null: no end, until lifted */
    until: z.number().int().nonnegative().nullable().optional(),
    /** incidents only */
    capacityFactor: z.number().min(0).max(1).optional(),
  })
  .refine((p) => p.note !== undefined || p.until !== undefined || p.capacityFactor !== undefined, { message: 'nothing to change: give note, until or capacityFactor' });

/** A climate station's night minimum (18:00–08:00 Bochum time) and the tropical-night flag (minimum ≥ 20 °C). */
export const nightFigureSchema = z.object({
  sensorId: z.string(),
  /** the date of the night's evening, YYYY-MM-DD */
  night: z.string(),
  minTempC: z.number(),
  tropical: z.boolean(),
  /** false while the night is still in progress */
  complete: z.boolean(),
});

/**
 * The latest night figure of every climate station, counted: the columnar form leaves SCALE's generated stations out of
 * `nights` (15,000 figures, 1.5 MB of every snapshot) and a page needs of them only these counts.
 */
export const nightCountSchema = z.object({
  stations: z.number().int().nonnegative(),
  tropical: z.number().int().nonnegative(),
});

export const snapshotSchema = clockSchema.extend({
  scenario: scenarioInfoSchema.nullable(),
  /** the history run this city is written to (GET /api/history/runs); a new one after a scenario switch (absent from older servers) */
  run: z.string().nullable().optional(),
  /** the stream tick, ms: a client that hears nothing for a few ticks knows the link is stale */
  tickMs: z.number().int().positive(),
  entries: z.array(liveEntrySchema),
  districts: z.array(districtHeatSchema),
  /** alerts in the list (every state but cleared) */
  alerts: z.array(alertSchema),
  /** every station's night figure; in the columnar form the registry's own stations' only (nightCount counts all) */
  nights: z.array(nightFigureSchema),
  /** absent from older servers */
  nightCount: nightCountSchema.optional(),
  /** all active traffic closures and incidents */
  closures: z.array(trafficClosureSchema),
  /** closures set to begin later (planned roadworks) */
  plannedClosures: z.array(trafficClosureSchema).optional(),
  /** the city-wide KPIs at cityTime (absent from older servers) */
  kpis: kpisSchema.optional(),
  worstLinks: worstLinksSchema.optional(),
});

export const deltaSchema = clockSchema.extend({
  /** entries whose reading changed since the previous message (latest per sensor) */
  entries: z.array(liveEntrySchema),
  /** all districts, present when the heat figures were recomputed */
  districts: z.array(districtHeatSchema).optional(),
  /** all alerts in the list, present when one was raised, changed level or state, or left */
  alerts: z.array(alertSchema).optional(),
  /** night minima of the stations whose figure changed since the previous message (merge by sensorId) */
  nights: z.array(nightFigureSchema).optional(),
  /** present when it changed */
  nightCount: nightCountSchema.optional(),
  /** all active traffic closures and incidents, present when the set changed */
  closures: z.array(trafficClosureSchema).optional(),
  /** all planned closures, present when that set changed */
  plannedClosures: z.array(trafficClosureSchema).optional(),
  /** the city-wide KPIs, present when they changed */
  kpis: kpisSchema.optional(),
  /** the city's five worst links, present when they changed */
  worstLinks: worstLinksSchema.optional(),
  /**
   * Present on a delta that stands for several ticks (a client that fell behind: docs/protocol.md,
   * "Backpressure"): it follows the message with seq `baseSeq` instead of `seq - 1`.
   */
  baseSeq: z.number().int().nonnegative().optional(),
});

/** Why the server dropped a client (server/stream/connection-guard.ts, limits in docs/security.md). */
export const DROP_REASONS = ['rate_limit', 'send_buffer', 'stalled'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Sent just before the server disconnects a client that sent too much or read too little. */
export const droppedNoticeSchema = z.object({
  reason: z.enum(DROP_REASONS),
  detail: z.string(),
  /** reconnect no sooner than this, ms */
  retryAfterMs: z.number().int().nonnegative(),
});

export type LiveEntry = z.infer<typeof liveEntrySchema>;
export type DistrictHeatFigures = z.infer<typeof districtHeatSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertPlaceType = (typeof ALERT_PLACE_TYPES)[number];
export type NightFigure = z.infer<typeof nightFigureSchema>;
export type NightCount = z.infer<typeof nightCountSchema>;
export type TrafficClosure = z.infer<typeof trafficClosureSchema>;
export type TrafficClosureRequest = z.infer<typeof trafficClosureRequestSchema>;
export type TrafficClosurePatch = z.infer<typeof trafficClosurePatchSchema>;
export type ScenarioInfo = z.infer<typeof scenarioInfoSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
export type Delta = z.infer<typeof deltaSchema>;
export type DroppedNotice = z.infer<typeof droppedNoticeSchema>;

export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
  dropped: (notice: DroppedNotice) => void;
  'snapshot:columns': (snapshot: ColumnsSnapshot) => void;
  'delta:columns': (delta: ColumnsDelta) => void;
}

export interface ClientToServerEvents {
  'snapshot:request': () => void;
  subscribe: (subscription: Subscription) => void;
}

/** Runtime settings the server hands the browser (GET /api/config). */
export const clientConfigSchema = z.object({
  mapStyleUrl: z.string().nullable(),
  /** alert groups the wall's ticker shows at most (ALERT_WALL_CAP) */
  alertWallCap: z.number().int().positive().default(8),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;
