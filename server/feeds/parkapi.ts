import { z } from 'zod';
import type { SensorIndex } from '../registry.js';
import { formatZodError } from '../../common/zod-error.js';
import { readJsonFile } from '../json-file.js';
import type { MappedDocument, PullAdapter } from './pull-feed.js';
import { parseUtcTimestamp } from './utc-timestamp.js';

/**
 * ParkAPI2 car-park snapshots (the layout of ParkAPI2 and its scrapers, ParkenDD/ParkAPI2-sources):
 * `{ pool, lots: [{ id, status, capacity, num_free, num_occupied, timestamp, lot_timestamp, … }] }`.
 * Lot ids map to registry sensors through data/devices/parkapi-lots.json.
 */

const lotSchema = z.looseObject({
  id: z.string().min(1).max(64),
  status: z.enum(['open', 'closed', 'unknown', 'nodata', 'error']),
  capacity: z.number().int().min(0).nullish(),
  num_free: z.number().int().nullish(),
  num_occupied: z.number().int().nullish(),
  /** when the scraper read the lot */
  timestamp: z.string().nullish(),
  /** when the operator last updated the lot, if it says */
  lot_timestamp: z.string().nullish(),
});

const documentSchema = z.looseObject({ lots: z.array(z.unknown()) });

export const parkApiLotMapSchema = z.strictObject({
  $comment: z.string().optional(),
  lots: z.record(z.string().min(1), z.string().min(1)),
});

export type LotMap = ReadonlyMap<string, string>;

export function loadParkApiLotMap(file: string, sensors: SensorIndex): LotMap {
  const { lots } = readJsonFile(file, parkApiLotMapSchema, 'ParkAPI lot map');
  const problems = Object.entries(lots)
    .filter(([, sensorId]) => sensors.get(sensorId)?.properties.kind !== 'parking')
    .map(([lot, sensorId]) => `${lot}: ${sensorId} is not a car park in the registry`);
  if (problems.length > 0) throw new Error(`ParkAPI lot map ${file} is invalid: ${problems.join('; ')}`);
  return new Map(Object.entries(lots));
}

export class ParkApiAdapter implements PullAdapter {
  constructor(private readonly lots: LotMap) {}

  map(doc: unknown): MappedDocument {
    const out: MappedDocument = { readings: [], refused: [], unmapped: [] };
    const parsed = documentSchema.safeParse(doc);
    if (!parsed.success) {
      out.refused.push({ reason: 'invalid', detail: 'not a ParkAPI document: no lots array' });
      return out;
    }
    for (const item of parsed.data.lots) {
      const rawId = (item as { id?: unknown } | null)?.id;
      const sensorId = typeof rawId === 'string' ? this.lots.get(rawId) : undefined;
      if (!sensorId) {
        out.unmapped.push(String(rawId).slice(0, 64));
        continue;
      }
      const lot = lotSchema.safeParse(item);
      if (!lot.success) {
        const detail = formatZodError(lot.error, { whole: '(lot)' });
        out.refused.push({ reason: 'invalid', detail: `lot ${rawId}: ${detail}`, context: { sensorId } });
        continue;
      }
      const l = lot.data;
      // A lot that reports no live count is left out: the map shows it as stale rather than as a guess.
      if (l.status === 'nodata' || l.status === 'unknown' || l.status === 'error') continue;
      const free = l.num_free ?? (l.capacity != null && l.num_occupied != null ? l.capacity - l.num_occupied : null);
      if (free == null) continue;
      // The free count is as old as the operator's update; the scrape time only bounds it.
      const stamp = l.lot_timestamp ?? l.timestamp;
      const ts = stamp ? parseUtcTimestamp(stamp) : null;
      if (ts === null) {
        out.refused.push({ reason: 'invalid', detail: `lot ${l.id}: no readable timestamp (${String(stamp).slice(0, 40)})`, context: { sensorId } });
        continue;
      }
      const values: Record<string, unknown> = { freeSpaces: free, open: l.status === 'open' };
      if (l.capacity) values.capacity = l.capacity;
      out.readings.push({ sensorId, kind: 'parking', ts, values });
    }
    return out;
  }
}
