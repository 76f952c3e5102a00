/**
 * Reads an ISO 8601 timestamp of a pull source into epoch ms. OCPI 2.2 says all timestamps are UTC and a
 * missing zone designator means UTC; the ParkAPI2 snapshot layout writes UTC too (its pool timezone
 * only tells the scrapers how to read the operators' local times). So here, and only for these
 * sources, a timestamp without an offset is read as UTC. Returns null for anything else.
 */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseUtcTimestamp(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const ms = Date.parse(m[1] ? text.trim() : `${text.trim()}Z`);
  return Number.isFinite(ms) ? ms : null;
}
