import { CHARGE_POINT_STATUSES, type ChargePointStatus } from '../readings.js';

/**
 * A charging day for planners (issue 11): per time bucket how many charge points of a site were free,
 * occupied or out of order, and per site its utilisation, the share of its point-hours occupied.
 *
 * The input is a site's status counts over time as the history keeps them (raw readings, or the
 * bucket means of a rollup). A site reports on change or hourly, so each sample holds until the next
 * one, but no longer than `holdMs` (the kind's freshness limit): past that the site had no data, and
 * that time counts for nothing (it lowers `coverage` instead of pretending the last status went on).
 */

export const CHARGE_GROUPS = ['free', 'occupied', 'outOfOrder', 'unknown'] as const;
export type ChargeGroup = (typeof CHARGE_GROUPS)[number];

/**
 * What a planner asks of a point: could a driver use it (free), is someone using or holding it
 * (occupied: charging, a finished car still plugged in, reserved), or is it broken. `unknown` is a
 * point whose operator did not say; it is kept apart and out of the utilisation.
 */
export const GROUP_OF_STATUS: Record<ChargePointStatus, ChargeGroup> = {
  available: 'free',
  charging: 'occupied',
  blocked: 'occupied',
  reserved: 'occupied',
  out_of_order: 'outOfOrder',
  unknown: 'unknown',
};

export type GroupCounts = Record<ChargeGroup, number>;

/** A site's point counts by status from `t` on (means of a rollup bucket are fine: fractional counts). */
export interface ChargingSample {
  t: number;
  counts: Partial<Record<ChargePointStatus, number>>;
}

export interface DayGrid {
  /** start of the first bucket, epoch ms */
  from: number;
  /** end of the period (exclusive); the last bucket may be shorter */
  to: number;
  bucketMs: number;
  /** how long a sample holds without a newer one */
  holdMs: number;
}

export interface ChargingBucket extends GroupCounts {
  t: number;
  /** share of the bucket with data (0–1); the counts are means over that part */
  coverage: number;
}

export interface SiteDay {
  buckets: ChargingBucket[];
  /** point-hours per group over the period */
  pointHours: GroupCounts;
  /** occupied point-hours / point-hours with a known status (free + occupied + out of order); null without data */
  utilisation: number | null;
  /** out-of-order point-hours / point-hours with a known status; null without data */
  outOfOrderShare: number | null;
}

const HOUR_MS = 3_600_000;

const zero = (): GroupCounts => ({ free: 0, occupied: 0, outOfOrder: 0, unknown: 0 });

export function groupCounts(counts: ChargingSample['counts']): GroupCounts {
  const out = zero();
  for (const status of CHARGE_POINT_STATUSES) out[GROUP_OF_STATUS[status]] += counts[status] ?? 0;
  return out;
}

function bucketStarts(grid: DayGrid): number[] {
  if (!(grid.bucketMs > 0)) throw new Error(`bucketMs must be positive, got ${grid.bucketMs}`);
  const starts: number[] = [];
  for (let t = grid.from; t < grid.to; t += grid.bucketMs) starts.push(t);
  return starts;
}

/** One site over the grid: time-weighted means per bucket and the period's point-hours. `samples` sorted by t. */
export function siteDay(samples: ReadonlyArray<ChargingSample>, grid: DayGrid): SiteDay {
  const starts = bucketStarts(grid);
  // Per bucket: point-ms per group and ms covered.
  const pointMs = starts.map(zero);
  const coveredMs = starts.map(() => 0);
  const total = zero();
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const next = i + 1 < samples.length ? samples[i + 1].t : Infinity;
    const start = Math.max(s.t, grid.from);
    const end = Math.min(next, s.t + grid.holdMs, grid.to);
    if (end <= start) continue;
    const g = groupCounts(s.counts);
    const first = Math.floor((start - grid.from) / grid.bucketMs);
    for (let b = first; b < starts.length && starts[b] < end; b++) {
      const ms = Math.min(end, starts[b] + grid.bucketMs) - Math.max(start, starts[b]);
      if (ms <= 0) continue;
      coveredMs[b] += ms;
      for (const k of CHARGE_GROUPS) {
        pointMs[b][k] += g[k] * ms;
        total[k] += g[k] * ms;
      }
    }
  }
  const buckets = starts.map((t, b) => {
    const len = Math.min(grid.bucketMs, grid.to - t);
    const c = coveredMs[b];
    const mean = (k: ChargeGroup) => (c > 0 ? pointMs[b][k] / c : 0);
    return { t, free: mean('free'), occupied: mean('occupied'), outOfOrder: mean('outOfOrder'), unknown: mean('unknown'), coverage: c / len };
  });
  const known = total.free + total.occupied + total.outOfOrder;
  const pointHours = zero();
  for (const k of CHARGE_GROUPS) pointHours[k] = total[k] / HOUR_MS;
  return {
    buckets,
    pointHours,
    utilisation: known > 0 ? total.occupied / known : null,
    outOfOrderShare: known > 0 ? total.outOfOrder / known : null,
  };
}

/**
 * The city per bucket: the sum of the sites' means over the part of the bucket each had data
 * (a site without data in a bucket adds nothing); `coverage` is the sites' mean coverage.
 * The city's utilisation weighs every site by its point-hours.
 */
export function cityDay(sites: ReadonlyArray<SiteDay>, grid: DayGrid): SiteDay {
  const starts = bucketStarts(grid);
  const buckets = starts.map((t, b) => {
    const sum: ChargingBucket = { t, ...zero(), coverage: 0 };
    for (const s of sites) {
      const x = s.buckets[b];
      for (const k of CHARGE_GROUPS) sum[k] += x[k];
      sum.coverage += x.coverage / sites.length;
    }
    return sum;
  });
  const pointHours = zero();
  for (const s of sites) for (const k of CHARGE_GROUPS) pointHours[k] += s.pointHours[k];
  const known = pointHours.free + pointHours.occupied + pointHours.outOfOrder;
  return {
    buckets,
    pointHours,
    utilisation: known > 0 ? pointHours.occupied / known : null,
    outOfOrderShare: known > 0 ? pointHours.outOfOrder / known : null,
  };
}
