import { describe, expect, it } from 'vitest';
import { climateIndicators } from '../../common/models/climate-indicators.js';
import { NightMinimum } from './night-minimum.js';

/**
 * The live tropical-night flag (NightMinimum) and the history's count (climateIndicators) must judge
 * the same night the same way: same window (18:00–08:00 Bochum time), same threshold.
 */
describe('the live night minimum and the climate indicators agree', () => {
  // the night of 12 to 13 August 2024, readings every 15 min from 17:00 to 09:00
  const from = Date.parse('2024-08-12T17:00:00+02:00');
  const to = Date.parse('2024-08-13T09:00:00+02:00');
  it.each([
    // [what, temperature at each instant, tropical]
    ['a minimum of exactly 20 °C at 05:00 (tropical)', (t: number) => (t === Date.parse('2024-08-13T05:00:00+02:00') ? 20 : 23), true],
    ['19.9 °C at 07:45, the last quarter of the night (not tropical)', (t: number) => (t === Date.parse('2024-08-13T07:45:00+02:00') ? 19.9 : 23), false],
    ['19 °C at 17:45 and 08:00, outside the night (tropical)', (t: number) => (t === Date.parse('2024-08-12T17:45:00+02:00') || t === Date.parse('2024-08-13T08:00:00+02:00') ? 19 : 21), true],
  ] as const)('%s', (_what, temp, tropical) => {
    const live = new NightMinimum();
    const samples = [];
    for (let t = from; t <= to; t += 15 * 60_000) {
      live.add('s', t, temp(t));
      samples.push({ t, minC: temp(t), maxC: temp(t) });
    }
    const [night] = live.figures();
    expect(night).toMatchObject({ night: '2024-08-12', complete: true });
    const counted = climateIndicators(samples);
    expect(counted.completeNights).toBe(1);
    expect(night.tropical).toBe(tropical);
    expect(counted.tropicalNights).toBe(tropical ? 1 : 0);
  });
});
