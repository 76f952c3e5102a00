import { z } from 'zod';
import { OCPI_EVSE_STATUSES, fromOcpiEvseStatus } from '../../common/models/charging-status.js';
import type { SensorIndex } from '../registry.js';
import { formatZodError } from '../../common/zod-error.js';
import { readJsonFile } from '../json-file.js';
import type { MappedDocument, PullAdapter } from './pull-feed.js';
import { parseUtcTimestamp } from './utc-timestamp.js';

/**
 * OCPI 2.2 Locations module (a CPO's `GET /ocpi/cpo/2.2/locations`): the response envelope
 * `{ data: [Location], status_code, timestamp }` with EVSE statuses, mapped onto charging readings.
 * Locations and EVSEs map to registry sites and points through data/devices/ocpi-locations.json.
 */

const envelopeSchema = z.looseObject({
  data: z.union([z.array(z.unknown()), z.looseObject({})]).optional(),
  status_code: z.number().int(),
  status_message: z.string().optional(),
  timestamp: z.string(),
});

const locationSchema = z.looseObject({
  id: z.string().min(1).max(36),
  evses: z.array(z.unknown()).optional(),
});

const evseSchema = z.looseObject({
  uid: z.string().min(1).max(36),
  status: z.enum(OCPI_EVSE_STATUSES),
});

export const ocpiLocationMapSchema = z.strictObject({
  $comment: z.string().optional(),
  locations: z.record(
    z.string().min(1),
    z.strictObject({
      sensorId: z.string().min(1),
      /** EVSE uid → registry charge point id */
      evses: z.record(z.string().min(1), z.string().min(1)),
    }),
  ),
});

export type LocationMap = ReadonlyMap<string, { sensorId: string; evses: ReadonlyMap<string, string> }>;

export function loadOcpiLocationMap(file: string, sensors: SensorIndex): LocationMap {
  const { locations } = readJsonFile(file, ocpiLocationMapSchema, 'OCPI location map');
  const problems: string[] = [];
  for (const [locationId, entry] of Object.entries(locations)) {
    const site = sensors.get(entry.sensorId)?.properties;
    if (site?.kind !== 'charging') {
      problems.push(`${locationId}: ${entry.sensorId} is not a charging site in the registry`);
      continue;
    }
    const points = new Set(site.points.map((p) => p.id));
    for (const [uid, pointId] of Object.entries(entry.evses)) {
      if (!points.has(pointId)) problems.push(`${locationId}/${uid}: ${entry.sensorId} has no point ${pointId}`);
    }
  }
  if (problems.length > 0) throw new Error(`OCPI location map ${file} is invalid: ${problems.join('; ')}`);
  return new Map(Object.entries(locations).map(([id, e]) => [id, { sensorId: e.sensorId, evses: new Map(Object.entries(e.evses)) }]));
}

/** OCPI's success code; 2xxx and 3xxx are client and server errors reported inside a 200 answer. */
const OCPI_SUCCESS = 1000;

export class OcpiLocationsAdapter implements PullAdapter {
  constructor(private readonly locations: LocationMap) {}

  map(doc: unknown): MappedDocument {
    const out: MappedDocument = { readings: [], refused: [], unmapped: [] };
    const envelope = envelopeSchema.safeParse(doc);
    if (!envelope.success) {
      out.refused.push({ reason: 'invalid', detail: 'not an OCPI response: needs status_code and timestamp' });
      return out;
    }
    const e = envelope.data;
    if (e.status_code !== OCPI_SUCCESS) {
      out.upstreamError = `OCPI status_code ${e.status_code}${e.status_message ? ` (${e.status_message.slice(0, 200)})` : ''}`;
      return out;
    }
    // An EVSE's status holds until it changes, so it is current as of the response, not of last_updated.
    const ts = parseUtcTimestamp(e.timestamp);
    if (ts === null) {
      out.refused.push({ reason: 'invalid', detail: `OCPI response timestamp unreadable: ${e.timestamp.slice(0, 40)}` });
      return out;
    }
    const items = Array.isArray(e.data) ? e.data : e.data ? [e.data] : [];
    for (const item of items) {
      const rawId = (item as { id?: unknown } | null)?.id;
      const entry = typeof rawId === 'string' ? this.locations.get(rawId) : undefined;
      if (!entry) {
        out.unmapped.push(String(rawId).slice(0, 36));
        continue;
      }
      const refuse = (detail: string) => out.refused.push({ reason: 'invalid', detail: `location ${rawId}: ${detail}`, context: { sensorId: entry.sensorId } });
      const location = locationSchema.safeParse(item);
      if (!location.success) {
        refuse(formatZodError(location.error, { whole: '(location)' }));
        continue;
      }
      const points: Array<{ id: string; status: string; powerKw: number }> = [];
      const problems: string[] = [];
      for (const rawEvse of location.data.evses ?? []) {
        const uid = (rawEvse as { uid?: unknown } | null)?.uid;
        const pointId = typeof uid === 'string' ? entry.evses.get(uid) : undefined;
        if (!pointId) continue;
        const evse = evseSchema.safeParse(rawEvse);
        if (!evse.success) {
          problems.push(`EVSE ${uid}: ${formatZodError(evse.error, { whole: '(EVSE)' })}`);
          continue;
        }
        // The Locations module carries no live power (that is in Sessions), so none is claimed here.
        points.push({ id: pointId, status: fromOcpiEvseStatus(evse.data.status), powerKw: 0 });
      }
      // Half a site would miscount its free points; a site with a broken EVSE waits for the next poll.
      if (problems.length > 0) refuse(problems.join('; '));
      else if (points.length === 0) refuse('none of its EVSEs is in the id map');
      else out.readings.push({ sensorId: entry.sensorId, kind: 'charging', ts, values: { points } });
    }
    return out;
  }
}
