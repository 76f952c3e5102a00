import type { LosClass } from '../derived.js';

/**
 * Link travel time by the Bureau of Public Roads function, t = t0 · (1 + α · (v/c)^β),
 * with the classic α = 0.15, β = 4 (U.S. Bureau of Public Roads, Traffic Assignment Manual, 1964).
 */
export function bprTravelTime(freeFlowTime: number, volume: number, capacity: number, alpha = 0.15, beta = 4): number {
  if (!(capacity > 0)) throw new RangeError('capacity must be positive');
  return freeFlowTime * (1 + alpha * Math.pow(Math.max(0, volume) / capacity, beta));
}

/**
 * Level of service from the ratio of travel speed to free-flow speed, after the HCM 2010
 * urban street facility thresholds: A > 85 %, B > 67 %, C > 50 %, D > 40 %, E > 30 %, F ≤ 30 %.
 */
const LOS_THRESHOLDS: ReadonlyArray<readonly [number, LosClass]> = [
  [0.85, 'A'],
  [0.67, 'B'],
  [0.5, 'C'],
  [0.4, 'D'],
  [0.3, 'E'],
];

export function levelOfService(speedRatio: number): LosClass {
  for (const [threshold, los] of LOS_THRESHOLDS) if (speedRatio > threshold) return los;
  return 'F';
}

/** LOS E and F count as congested for the congested lane-km KPI. */
export function isCongested(los: LosClass): boolean {
  return los === 'E' || los === 'F';
}

export interface TrafficFigures {
  speedRatio: number;
  los: LosClass;
  volumeCapacityRatio: number;
  travelTimeIndex: number;
}

export function trafficFigures(
  measured: { flowVehH: number; speedKmh: number },
  link: { capacityVehH: number; freeFlowKmh: number },
): TrafficFigures {
  // A stopped queue has speed 0: cap the index so one jammed detector cannot make a mean infinite.
  const speedRatio = Math.min(1.2, measured.speedKmh / link.freeFlowKmh);
  return {
    speedRatio,
    los: levelOfService(speedRatio),
    volumeCapacityRatio: measured.flowVehH / link.capacityVehH,
    travelTimeIndex: Math.min(10, Math.max(1, link.freeFlowKmh / Math.max(measured.speedKmh, 0.1))),
  };
}
