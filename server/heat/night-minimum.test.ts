import { describe, expect, it } from 'vitest';
import { NightMinimum } from './night-minimum.js';

const at = (iso: string) => Date.parse(iso);

describe('night minimum and the tropical-night flag', () => {
  it('tracks the night in progress, then holds the completed night through the day', () => {
    const n = new NightMinimum();
    n.add('a', at('2024-08-12T19:00:00+02:00'), 27.5);
    n.add('a', at('2024-08-13T05:30:00+02:00'), 21.2);
    n.add('a', at('2024-08-13T06:30:00+02:00'), 22);
    expect(n.figures()).toEqual([{ sensorId: 'a', night: '2024-08-12', minTempC: 21.2, tropical: true, complete: false }]);
    n.add('a', at('2024-08-13T12:00:00+02:00'), 35);
    expect(n.figures()).toEqual([{ sensorId: 'a', night: '2024-08-12', minTempC: 21.2, tropical: true, complete: true }]);
    n.add('a', at('2024-08-13T20:00:00+02:00'), 19.9);
    expect(n.figures()).toEqual([{ sensorId: 'a', night: '2024-08-13', minTempC: 19.9, tropical: false, complete: false }]);
  });

  it('keeps stations apart', () => {
    const n = new NightMinimum();
    n.add('a', at('2024-08-12T23:00:00+02:00'), 20);
    n.add('b', at('2024-08-12T23:00:00+02:00'), 18);
    expect(n.figures().map((f) => [f.sensorId, f.tropical])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});

describe('the night of a reading', () => {
  it('is the same as nightOf for every minute around the DST changes and the 08:00 and 18:00 edges', async () => {
    const { nightOf } = await import('../../common/bochum-time.js');
    const n = new NightMinimum();
    for (const start of ['2024-03-30T12:00:00Z', '2024-10-26T12:00:00Z', '2024-08-13T00:00:00Z']) {
      for (let t = Date.parse(start); t < Date.parse(start) + 2 * 86_400_000; t += 60_000 + 7) {
        n.add('a', t, 15);
        const night = nightOf(t);
        const [f] = n.figures();
        // in a night, that night is open; by day, the last one is complete
        if (night !== null) expect({ night: f.night, complete: f.complete }, new Date(t).toISOString()).toEqual({ night, complete: false });
        else if (f) expect(f.complete, new Date(t).toISOString()).toBe(true);
      }
    }
  });
});
