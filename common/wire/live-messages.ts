import { z } from 'zod';
import type { Delta, Snapshot } from '../protocol.js';
import { SENSOR_KINDS, sensorKindSchema } from '../readings.js';

/**
 * The live stream's two forms and the client's subscription (docs/protocol.md). `json` is the form
 * every client gets unless it asks otherwise (handshake query or auth `format=columns`); `columns`
 * carries the entries as one binary attachment (common/wire/columns.ts) beside the same JSON parts.
 */
export const STREAM_FORMATS = ['json', 'columns'] as const;
export type StreamFormat = (typeof STREAM_FORMATS)[number];

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/**
 * What a client shows: kinds, an area [west, south, east, north] and the map zoom. The server sends
 * it only entries of those kinds whose sensor touches the area. Absent fields mean "all"; no
 * subscription at all is everything (old clients). The city-wide figures (districts, alerts, nights,
 * closures, kpis) go to every client whatever it subscribed to.
 */
export const subscriptionSchema = z
  .strictObject({
    kinds: z.array(sensorKindSchema).max(SENSOR_KINDS.length).optional(),
    bbox: z.tuple([lon, lat, lon, lat]).optional(),
    /** kinds wanted for the whole city whatever the area (the heat surface interpolates every station) */
    wholeCity: z.array(sensorKindSchema).max(SENSOR_KINDS.length).optional(),
    /** the map zoom; kept with the subscription for aggregation at city zoom, not used to filter */
    zoom: z.number().min(0).max(24).optional(),
  })
  .refine((s) => !s.bbox || (s.bbox[0] <= s.bbox[2] && s.bbox[1] <= s.bbox[3]), { message: 'bbox must be [west, south, east, north]' });
export type Subscription = z.infer<typeof subscriptionSchema>;

/** Binary as sent (Uint8Array) and as received (ArrayBuffer in a browser, Buffer in Node). */
export type WireBytes = Uint8Array | ArrayBuffer;

/**
 * A delta in the columnar form: the JSON delta without `entries`, and `columns` in their place; no
 * `columns` when no entry changed (no binary attachment: one WebSocket frame instead of two).
 * `compression` when the columns are compressed with raw DEFLATE: a delta of more than
 * COMPRESS_DELTA_ABOVE_BYTES (every sensor of a 100,000-sensor city reporting each second: 3.7 MB raw).
 */
export type ColumnsDelta = Omit<Delta, 'entries'> & { columns?: WireBytes; compression?: 'deflate-raw' };

/**
 * Columnar deltas larger than this are sent compressed. Below it (a city's deltas at its own pace, even at
 * 100,000 sensors: about 140 KB) they go as they are: deflate would cost the server and every page time for
 * bytes that fit a connection's budget; above it a delta alone would fill a client's byte budget (1 MB) and
 * keep it behind, resynced with snapshots, while it deflates to about a seventh.
 */
export const COMPRESS_DELTA_ABOVE_BYTES = 256 * 1024;

/**
 * A snapshot in the columnar form: `columns` compressed with raw DEFLATE (RFC 1951), built once per
 * stream sequence number and subscription and sent as it is to every client that asks then.
 */
export type ColumnsSnapshot = Omit<Snapshot, 'entries'> & {
  columns: WireBytes;
  compression: 'deflate-raw';
  /** registryFingerprint() of the registry the indices point into (GET /api/sensors order) */
  registry: string;
  /** the subscription this snapshot was filtered by, null for everything */
  subscription: Subscription | null;
};
