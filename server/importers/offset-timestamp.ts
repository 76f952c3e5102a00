import { quoteCell as quote } from './csv-line.js';

/**
 * Reads an ISO-8601-like local time that carries its own UTC offset, e.g. `2024-08-13 00:00:00+02:00`,
 * `2024-08-13T00:00:00+0200` or `2024-08-12T22:00:00Z`, into epoch ms.
 *
 * A time without an offset is refused rather than guessed: around the October DST change the
 * same Berlin wall-clock hour occurs twice, and a silent guess would shift readings by an hour.
 */
export type TimestampResult = { ok: true; ts: number } | { ok: false; reason: string };

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const MAX_OFFSET_MIN = 14 * 60;

export function parseOffsetTimestamp(text: string): TimestampResult {
  const m = PATTERN.exec(text.trim());
  if (!m) return { ok: false, reason: `unreadable timestamp ${quote(text)}` };
  const [, y, mo, d, h, mi, s = '0', frac = '', offset] = m;
  if (offset === undefined) return { ok: false, reason: `timestamp without UTC offset ${quote(text)}` };

  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const ms = Number(frac.slice(0, 3).padEnd(3, '0'));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2024-02-30 over to 1 March; a round trip exposes such impossible dates.
  const back = new Date(wall);
  const valid =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second;
  if (!valid) return { ok: false, reason: `impossible date or time ${quote(text)}` };

  const offsetMin = offsetMinutes(offset);
  if (offsetMin === undefined) return { ok: false, reason: `impossible UTC offset ${quote(text)}` };
  return { ok: true, ts: wall - offsetMin * 60_000 };
}

function offsetMinutes(offset: string): number | undefined {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  const total = hours * 60 + minutes;
  return minutes < 60 && total <= MAX_OFFSET_MIN ? sign * total : undefined;
}
