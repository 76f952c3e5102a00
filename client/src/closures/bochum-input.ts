import { bochumOffsetMinutes, bochumParts } from '../../../common/bochum-time.js';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The value a `datetime-local` input shows for an instant, in Bochum wall time (the city's clock,
 * whatever zone the browser is in): "2026-06-16T16:30".
 */
export function toBochumInput(ms: number): string {
  const p = bochumParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a `datetime-local` value names in Bochum wall time; null for an empty or unreadable value. */
export function fromBochumInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(asUtc)) return null;
  // The offset at the guess can differ from the one at the answer only around a clock change.
  const guess = asUtc - bochumOffsetMinutes(asUtc) * 60_000;
  return asUtc - bochumOffsetMinutes(guess) * 60_000;
}
