import { describe, expect, it } from 'vitest';
import { nextHeatAlertLevel, type HeatAlertLevel } from './heat-alerts.js';

describe('heat alert level with hysteresis', () => {
  it.each<[HeatAlertLevel | null, number | null, HeatAlertLevel | null]>([
    // current, UTCI → next
    [null, 31.9, null],
    [null, 32, 'strong'],
    [null, 37.9, 'strong'],
    [null, 38, 'very_strong'],
    [null, 45.9, 'very_strong'],
    [null, 46, 'extreme'],
    [null, 47, 'extreme'], // the KPI says extreme; so does the alert
    ['extreme', 45.5, 'extreme'], // within the 1 K band
    ['extreme', 45, 'very_strong'],
    ['extreme', 37.5, 'very_strong'],
    ['extreme', 37, 'strong'],
    ['extreme', 30, null],
    ['very_strong', 46, 'extreme'],
    ['strong', 31.5, 'strong'], // within the 1 K band: stays
    ['strong', 31.01, 'strong'],
    ['strong', 31, null], // 1 K below: clears
    ['strong', 20, null],
    ['very_strong', 37.5, 'very_strong'],
    ['very_strong', 37, 'strong'], // leaves very strong, still strong
    ['very_strong', 31.5, 'strong'],
    ['very_strong', 30, null],
    ['strong', null, 'strong'], // no value (out of range): keep the level, do not clear on missing data
    [null, null, null],
  ])('%s at %s °C → %s', (current, utci, next) => {
    expect(nextHeatAlertLevel(current, utci)).toBe(next);
  });

  it('takes its thresholds and band from configuration', () => {
    const rule = { thresholdsC: { strong: 30, very_strong: 35, extreme: 40 }, hysteresisK: 2 };
    expect(nextHeatAlertLevel(null, 30, rule)).toBe('strong');
    expect(nextHeatAlertLevel('strong', 28.5, rule)).toBe('strong');
    expect(nextHeatAlertLevel('strong', 28, rule)).toBe(null);
    expect(nextHeatAlertLevel(null, 41, rule)).toBe('extreme');
  });

  it('does not flicker for a value oscillating around 32 °C', () => {
    let level: HeatAlertLevel | null = null;
    const changes: Array<HeatAlertLevel | null> = [];
    for (let i = 0; i < 100; i++) {
      const next = nextHeatAlertLevel(level, 32 + 0.6 * Math.sin(i));
      if (next !== level) changes.push(next);
      level = next;
    }
    expect(changes).toEqual(['strong']);
  });
});
