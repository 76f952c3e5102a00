/** Occupancy of a car park in %, from free spaces and capacity (free beyond capacity counts as empty). */
export function occupancyPct(freeSpaces: number, capacity: number): number {
  if (!(capacity > 0)) throw new RangeError('capacity must be positive');
  const occupied = Math.max(0, capacity - Math.min(freeSpaces, capacity));
  return (occupied / capacity) * 100;
}

/** The usual guidance-sign wording: a car park counts as full above 95 % so drivers are sent elsewhere in time. */
export const PARKING_FULL_PCT = 95;
