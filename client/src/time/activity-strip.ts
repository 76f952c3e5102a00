import type { HistoryPoint } from '../../../common/history.js';
import { utciCategory } from '../../../common/models/heat.js';

/** From here on the strip marks the hour as hot: moderate heat stress (UTCI ≥ 26 °C, Bröde et al. 2012). */
export const HOT_FROM_UTCI_C = 26;
/** The congested share of lane-km at which the jam mark is at full strength; Bochum's network rarely exceeds it. */
export const FULL_JAM_SHARE = 0.15;

export interface StripCell {
  from: number;
  to: number;
  /** RGB of the UTCI category of the city's maximum, or null when no heat stress */
  heat: [number, number, number] | null;
  /** 0 (free flow) … 1 (a jammed city): congested share of lane-km against FULL_JAM_SHARE */
  jam: number;
}

function figure(p: HistoryPoint, name: string, useMax: boolean): number | undefined {
  const extreme = useMax ? p.max?.[name] : undefined;
  if (extreme !== undefined) return extreme;
  const v = p.values[name] ?? p.derived[name];
  return typeof v === 'number' ? v : undefined;
}

/**
 * The strip above the timeline from the city KPI history: one cell per point, reaching to the next
 * point (or one step on for the last), coloured by heat stress (the bucket's hottest station) and
 * shaded by how much of the network was congested.
 */
export function activityCells(points: readonly HistoryPoint[], stepMs: number): StripCell[] {
  return points.map((p, i) => {
    const to = i + 1 < points.length ? Math.min(points[i + 1].t, p.t + 3 * stepMs) : p.t + stepMs;
    const maxUtci = figure(p, 'heatMaxUtciC', true);
    const congested = figure(p, 'trafficCongestedLaneKm', false);
    const total = figure(p, 'trafficTotalLaneKm', false);
    const share = congested !== undefined && total ? congested / total : 0;
    return {
      from: p.t,
      to,
      heat: maxUtci !== undefined && maxUtci >= HOT_FROM_UTCI_C ? utciCategory(maxUtci).color : null,
      jam: Math.min(1, share / FULL_JAM_SHARE),
    };
  });
}
