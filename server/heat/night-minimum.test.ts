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

describe('the night count', () => {
  it('is figures() counted, through open, completed and new nights', () => {
    const n = new NightMinimum();
    const counted = () => ({ stations: n.figures().length, tropical: n.figures().filter((f) => f.tropical).length });
    expect(n.count()).toEqual({ stations: 0, tropical: 0 });
    n.add('a', at('2024-08-12T23:00:00+02:00'), 21);
    n.add('b', at('2024-08-12T23:00:00+02:00'), 18);
    n.add('c', at('2024-08-12T23:30:00+02:00'), 20);
    expect(n.count()).toEqual({ stations: 3, tropical: 2 });
    // by day the completed nights count; a station first heard by day has no night yet
    n.add('a', at('2024-08-13T12:00:00+02:00'), 30);
    n.add('d', at('2024-08-13T12:00:00+02:00'), 30);
    expect(n.count()).toEqual({ stations: 3, tropical: 2 });
    // the next evening: a's new night (not tropical so far) replaces its completed one, d's first night counts;
    // b and c hold their completed nights (18, 20)
    n.add('a', at('2024-08-13T21:00:00+02:00'), 19);
    n.add('d', at('2024-08-13T21:00:00+02:00'), 23);
    expect(n.count()).toEqual({ stations: 4, tropical: 2 });
    expect(n.count()).toEqual(counted());
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

describe('the night figures that changed', () => {
  it('give the stream the deltas the whole list gave, over days and nights of readings (what the stream sends through NightDiff)', async () => {
    const { NightDiff } = await import('../stream/night-diff.js');
    const { seededRandom } = await import('../../common/seeded-random.js');
    const rnd = seededRandom(21);
    const n = new NightMinimum();
    const whole = new NightDiff();
    const changedOnly = new NightDiff();
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    let sent = 0;
    // 3 days in ticks of 10 city minutes; each tick a random part of the stations reports, with noise around a daily curve
    for (let t = at('2024-08-12T12:00:00+02:00'); t < at('2024-08-15T12:00:00+02:00'); t += 600_000) {
      const hour = new Date(t).getUTCHours();
      for (const id of ids) if (rnd() < 0.5) n.add(id, t + Math.floor(rnd() * 1000), Math.round((24 + 6 * Math.cos(((hour - 13) / 24) * 2 * Math.PI) + (rnd() - 0.5) * 4) * 10) / 10);
      // a station that first reports on day two
      if (t > at('2024-08-13T22:00:00+02:00') && rnd() < 0.3) n.add('late', t, 21);
      const a = whole.changed(n.figures());
      const b = changedOnly.changed(n.takeChanged());
      expect(b, new Date(t).toISOString()).toEqual(a);
      sent += a.length;
    }
    expect(sent).toBeGreaterThan(100);
    expect(n.takeChanged()).toEqual([]);
  });
});
