import type { RankedPlace } from '../../../common/models/place-exposure.js';
import { csvField } from '../../../common/csv-field.js';

const fixed = (v: number | null, digits: number) => (v === null ? '' : v.toFixed(digits));

/**
 * The ranking as CSV (RFC 4180, comma, dot decimals, UTF-8): what a planner pastes into a report.
 * Hours are the displayed instant's; `at` is written into every row so a sheet of several exports stays readable.
 */
export function rankingCsv(ranked: ReadonlyArray<RankedPlace>, atIso: string): string {
  const head = 'rank,name,type,district,lon,lat,utci_c,hours_utci_32_today,hours_utci_32_7d,at';
  const rows = ranked.map((p, i) =>
    [String(i + 1), csvField(p.name), p.type, csvField(p.district), p.lon.toFixed(5), p.lat.toFixed(5), fixed(p.exposure.utciC, 1), p.exposure.hoursStrongToday.toFixed(2), p.exposure.hoursStrong7d.toFixed(2), atIso].join(','),
  );
  return [head, ...rows].join('\r\n') + '\r\n';
}
