import { bochumIso } from '../../../common/bochum-time.js';
import { csvField } from '../../../common/csv-field.js';
import type { ChargingHistoryResponse } from '../../../common/charging-history.js';

const fixed = (v: number | null, digits: number) => (v === null ? '' : v.toFixed(digits));

/**
 * The charging day as CSV (RFC 4180, comma, dot decimals, UTF-8): one row per site (and `city`) per
 * bucket, counts as time-weighted means, with the day's utilisation of the site on every row so a
 * filtered sheet keeps it. Buckets without data have empty counts, not zeros.
 */
export function chargingDayCsv(day: ChargingHistoryResponse): string {
  const head = 'site_id,site,district,points,bucket_start,free,occupied,out_of_order,unknown,coverage,utilisation_day,out_of_order_share_day';
  const points = day.sites.reduce((n, s) => n + s.points, 0);
  const all = [{ id: 'city', name: 'Bochum', district: '', points, synthetic: false, ...day.city }, ...day.sites];
  const rows = all.flatMap((s) =>
    s.buckets.map((b) => {
      const has = b.coverage > 0;
      const count = (v: number) => (has ? v.toFixed(2) : '');
      return [s.id, csvField(s.name), csvField(s.district), String(s.points), bochumIso(b.t), count(b.free), count(b.occupied), count(b.outOfOrder), count(b.unknown), b.coverage.toFixed(3), fixed(s.utilisation, 4), fixed(s.outOfOrderShare, 4)].join(',');
    }),
  );
  return [head, ...rows].join('\r\n') + '\r\n';
}
