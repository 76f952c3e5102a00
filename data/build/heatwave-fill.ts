import type { ClimateSeries } from '../../common/climate-series.js';
import { lonLatToLocalKm, type LonLat } from '../../common/geo.js';
import { idw, type Sample } from '../../common/models/idw.js';

/**
 * Values for the synthetic climate stations in a recorded replay, derived from the real benches.
 *
 * Why: the synthetic stations fill gaps between the smart benches in the simulated scenarios. In a
 * replay of real data they would otherwise stay silent, and the dashboard would count them as
 * "without current data" although they were never meant to measure anything. A climate planner
 * expects the replay to cover the whole city with the real measurements and to see where a value
 * is an interpolation, so each synthetic station carries, every 5 minutes, the inverse-distance
 * weighted mean (power 2, as the heat surface) of the real benches that reported within the last
 * 15 minutes. It stays marked synthetic in the registry; the series names the benches it derives
 * from. No adjustment for the station's setting (land cover, shade): the model has no data on it,
 * and an invented correction would look like a measurement.
 */

export const FILL_STEP_MIN = 5;
/** A bench's reading counts for a slot while it is at most this old (its export has 5-minute rows, with gaps). */
export const FILL_MAX_AGE_MIN = 15;
/** Power of the inverse-distance weights: the same as the heat surface (common/models/idw.ts). */
const FILL_POWER = 2;

export interface FillTarget {
  sensorId: string;
  at: LonLat;
}

type Row = ClimateSeries['stations'][number]['rows'][number];
export type DerivedStation = ClimateSeries['stations'][number] & { derivedFrom: string[] };

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function fillSyntheticStations(
  stations: ClimateSeries['stations'],
  positions: ReadonlyMap<string, LonLat>,
  targets: readonly FillTarget[],
): DerivedStation[] {
  const real = stations
    .filter((s) => positions.has(s.sensorId) && s.rows.length > 0)
    .map((s) => ({ ...s, xy: lonLatToLocalKm(...positions.get(s.sensorId)!), cursor: 0 }));
  if (real.length === 0) return [];
  const first = Math.min(...real.map((s) => s.rows[0][0]));
  const last = Math.max(...real.map((s) => s.rows[s.rows.length - 1][0]));
  const slots: { minute: number; samples: { x: number; y: number; row: Row }[] }[] = [];
  for (let minute = Math.ceil(first / FILL_STEP_MIN) * FILL_STEP_MIN; minute <= last; minute += FILL_STEP_MIN) {
    const samples: { x: number; y: number; row: Row }[] = [];
    for (const s of real) {
      while (s.cursor + 1 < s.rows.length && s.rows[s.cursor + 1][0] <= minute) s.cursor++;
      const row = s.rows[s.cursor];
      if (row[0] <= minute && minute - row[0] <= FILL_MAX_AGE_MIN) samples.push({ x: s.xy.x, y: s.xy.y, row });
    }
    if (samples.length > 0) slots.push({ minute, samples });
  }
  const derivedFrom = real.map((s) => s.sensorId).sort();
  return targets.map(({ sensorId, at }) => {
    const { x, y } = lonLatToLocalKm(...at);
    const column = (samples: { x: number; y: number; row: Row }[], k: 1 | 2 | 3 | 4): number =>
      idw(samples.map((s): Sample => ({ x: s.x, y: s.y, value: s.row[k] })), x, y, FILL_POWER);
    const rows = slots.map(({ minute, samples }): Row => [
      minute,
      round(column(samples, 1), 1),
      round(column(samples, 2), 0),
      round(column(samples, 3), 1),
      round(column(samples, 4), 0),
    ]);
    return { sensorId, rows, derivedFrom };
  });
}
