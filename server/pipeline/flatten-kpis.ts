import type { Kpis } from '../../common/kpis.js';

/**
 * The header KPIs as flat numbers for the history (`heatMeanUtciC`, `trafficCongestedLaneKm`, …).
 * A group without data is left out rather than written as zero, so a chart shows a gap.
 */
export function flattenKpis(k: Kpis): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (prefix: string, group: Record<string, number> | null) => {
    if (!group) return;
    for (const [name, value] of Object.entries(group)) out[prefix + name[0].toUpperCase() + name.slice(1)] = value;
  };
  put('heat', k.heat);
  put('traffic', k.traffic);
  put('parking', k.parking);
  put('charging', k.charging);
  put('withoutData', k.withoutData);
  return out;
}
