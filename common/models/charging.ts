import { CHARGE_POINT_STATUSES, type ChargePointStatus } from '../readings.js';

export type StatusCounts = Record<ChargePointStatus, number>;

export function countStatuses(points: ReadonlyArray<{ status: ChargePointStatus }>): StatusCounts {
  const counts = Object.fromEntries(CHARGE_POINT_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const p of points) counts[p.status] += 1;
  return counts;
}

/** Points a driver could use now or soon; a reserved point is not free for someone else. */
export function availableShare(counts: StatusCounts): number {
  const total = CHARGE_POINT_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return total === 0 ? 0 : counts.available / total;
}
