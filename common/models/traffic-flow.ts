/**
 * What a detector on a link sees, given the volume the assignment puts on it. Below capacity the
 * BPR curve holds (the same one route choice uses). Above it the static model's "volume" is
 * demand that cannot pass: a queue forms, speed collapses and the detector counts the queue's
 * discharge, which falls below capacity (capacity drop).
 */

/** Mean vehicle length plus loop length, km: turns density into detector occupancy. */
const EFFECTIVE_VEHICLE_KM = 0.0065;

export function linkResponse(demandRatio: number): { speedRatio: number; flowRatio: number } {
  const x = Math.max(0, demandRatio);
  if (x <= 1) return { speedRatio: 1 / (1 + 0.15 * x ** 4), flowRatio: x };
  return { speedRatio: 1 / (1.15 + 4 * (x - 1)), flowRatio: Math.max(0.6, 1 - 0.35 * (x - 1)) };
}

export interface DetectorState {
  flowVehH: number;
  speedKmh: number;
  occupancyPct: number;
}

/** Flow, speed and occupancy of one link direction; a closed link (capacity 0) carries nothing. */
export function detectorState(volumeVehH: number, link: { capacityVehH: number; freeFlowKmh: number; lanes: number }): DetectorState {
  if (!(link.capacityVehH > 0)) return { flowVehH: 0, speedKmh: 0, occupancyPct: 0 };
  const { speedRatio, flowRatio } = linkResponse(volumeVehH / link.capacityVehH);
  const flowVehH = link.capacityVehH * flowRatio;
  const speedKmh = link.freeFlowKmh * speedRatio;
  const densityPerLaneKm = flowVehH / link.lanes / Math.max(speedKmh, 1);
  return { flowVehH, speedKmh, occupancyPct: Math.min(100, densityPerLaneKm * EFFECTIVE_VEHICLE_KM * 100) };
}
