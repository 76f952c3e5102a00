import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.js';
import {
  bochumDayKey,
  bochumDayType,
  bochumDisplayFormat,
  bochumHour,
  bochumIso,
  bochumOffsetMinutes,
  bochumParts,
  nightOf,
  startOfBochumDay,
} from './bochum-time.js';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('wall clock', () => {
  it('reads the Bochum fields, weekday 0 = Sunday', () => {
    expect(bochumParts(at('2024-08-13T13:04:05Z'))).toEqual({ year: 2024, month: 8, day: 13, hour: 15, minute: 4, second: 5, weekday: 2 });
    expect(bochumParts(at('2024-12-31T23:00:00Z'))).toMatchObject({ year: 2025, month: 1, day: 1, hour: 0, weekday: 3 });
  });

  it('gives the fractional hour, midnight as 0 (never 24)', () => {
    expect(bochumHour(at('2024-08-13T15:45:00+02:00'))).toBe(15.75);
    expect(bochumHour(at('2024-08-13T00:00:00+02:00'))).toBe(0);
    expect(bochumHour(at('2024-01-15T23:59:30+01:00'))).toBeCloseTo(23 + 59.5 / 60, 9);
  });

  it.each([
    ['2024-08-13T21:59:59Z', '2024-08-13'],
    ['2024-08-13T22:00:00Z', '2024-08-14'],
    ['2024-12-31T23:00:00Z', '2025-01-01'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
  ])('%s is Bochum day %s', (iso, day) => expect(bochumDayKey(at(iso))).toBe(day));

  it.each([
    ['2024-08-09T21:59:59Z', 'weekday'], // Friday 23:59:59
    ['2024-08-09T22:00:00Z', 'saturday'], // Saturday 00:00, still Friday in UTC
    ['2024-08-10T22:30:00Z', 'sunday'], // Sunday 00:30
    ['2024-08-11T22:00:00Z', 'weekday'], // Monday 00:00
  ] as const)('%s is a %s', (iso, dayType) => expect(bochumDayType(at(iso))).toBe(dayType));
});

describe('DST switch days', () => {
  it('31 March 2024: the clock jumps from 02:00 to 03:00, the day has 23 hours', () => {
    expect(bochumOffsetMinutes(at('2024-03-31T00:59:59Z'))).toBe(60);
    expect(bochumOffsetMinutes(at('2024-03-31T01:00:00Z'))).toBe(120);
    expect(bochumHour(at('2024-03-31T00:59:00Z'))).toBeCloseTo(1 + 59 / 60, 9);
    expect(bochumHour(at('2024-03-31T01:00:00Z'))).toBe(3);
    const start = startOfBochumDay(at('2024-03-31T12:00:00+02:00'));
    expect(start).toBe(at('2024-03-31T00:00:00+01:00'));
    expect(startOfBochumDay(at('2024-04-01T06:00:00+02:00')) - start).toBe(23 * HOUR);
    expect(bochumDayType(start)).toBe('sunday');
  });

  it('27 October 2024: 02:00–03:00 happens twice, the day has 25 hours', () => {
    const first = at('2024-10-27T00:30:00Z');
    const second = at('2024-10-27T01:30:00Z');
    expect(bochumHour(first)).toBe(2.5);
    expect(bochumHour(second)).toBe(2.5);
    expect(bochumIso(first)).toBe('2024-10-27T02:30:00+02:00');
    expect(bochumIso(second)).toBe('2024-10-27T02:30:00+01:00');
    const start = startOfBochumDay(second);
    expect(start).toBe(at('2024-10-27T00:00:00+02:00'));
    expect(startOfBochumDay(at('2024-10-28T00:00:00+01:00')) - start).toBe(25 * HOUR);
  });

  it('night keys run across the switch as on any other night', () => {
    expect(nightOf(at('2024-03-31T03:30:00+02:00'))).toBe('2024-03-30');
    expect(nightOf(at('2024-10-27T02:30:00+01:00'))).toBe('2024-10-26');
    expect(nightOf(at('2024-10-27T07:59:00+01:00'))).toBe('2024-10-26');
    expect(nightOf(at('2024-10-27T08:00:00+01:00'))).toBeNull();
  });
});

describe('startOfBochumDay', () => {
  it('is local midnight, in winter and in summer, and a fixed point', () => {
    expect(startOfBochumDay(at('2024-01-15T23:59:59+01:00'))).toBe(at('2024-01-15T00:00:00+01:00'));
    expect(startOfBochumDay(at('2024-08-13T00:00:00+02:00'))).toBe(at('2024-08-13T00:00:00+02:00'));
    const s = startOfBochumDay(at('2024-08-13T17:00:00+02:00'));
    expect(startOfBochumDay(s)).toBe(s);
    expect(bochumDayKey(s - 1)).toBe('2024-08-12');
  });
});

describe('nightOf (18:00–08:00 Bochum time)', () => {
  it.each([
    ['2024-08-12T17:59:00+02:00', null],
    ['2024-08-12T18:00:00+02:00', '2024-08-12'],
    ['2024-08-13T00:00:00+02:00', '2024-08-12'],
    ['2024-08-13T07:59:00+02:00', '2024-08-12'],
    ['2024-08-13T08:00:00+02:00', null],
    ['2024-03-01T03:00:00+01:00', '2024-02-29'],
    ['2025-01-01T03:00:00+01:00', '2024-12-31'],
  ])('%s → %s', (iso, night) => expect(nightOf(at(iso))).toBe(night));
});

describe('bochumIso', () => {
  it('writes local time with the offset of the season, milliseconds only when present', () => {
    expect(bochumIso(at('2024-08-13T13:00:00Z'))).toBe('2024-08-13T15:00:00+02:00');
    expect(bochumIso(at('2024-01-15T13:00:00.042Z'))).toBe('2024-01-15T14:00:00.042+01:00');
  });

  it('is read back by Date.parse as the same instant, every 7 min 13.5 s through both switch days', () => {
    for (const day of ['2024-03-30T20:00:00Z', '2024-10-26T20:00:00Z']) {
      for (let ms = at(day); ms < at(day) + 30 * HOUR; ms += 433_500) expect(Date.parse(bochumIso(ms))).toBe(ms);
    }
  });
});

describe('bochumDisplayFormat', () => {
  const t = at('2024-08-13T15:00:07+02:00');
  it('formats Bochum clock times in the UI language', () => {
    expect(bochumDisplayFormat('de-DE', 'clock').format(t)).toBe('15:00');
    expect(bochumDisplayFormat('de-DE', 'clockSeconds').format(t)).toBe('15:00:07');
    expect(bochumDisplayFormat('de-DE', 'dayTime').format(t)).toBe('13.08., 15:00');
    expect(bochumDisplayFormat('en-GB', 'dayTime').format(t)).toBe('13/08, 15:00');
    expect(bochumDisplayFormat('de-DE', 'clock').format(at('2024-08-13T00:05:00+02:00'))).toBe('00:05');
  });

  it('takes Intl options too, always in Bochum time', () => {
    const weekday = bochumDisplayFormat('de-DE', { weekday: 'short', day: '2-digit', month: '2-digit' });
    // 23:30 UTC on a Monday is already Tuesday in Bochum
    expect(weekday.format(at('2024-08-12T23:30:00Z'))).toMatch(/^Di/);
    expect(bochumDisplayFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' } as Intl.DateTimeFormatOptions).format(t)).toBe('15:00');
  });

  it('hands out one formatter per locale and style', () => {
    expect(bochumDisplayFormat('de-DE', 'clock')).toBe(bochumDisplayFormat('de-DE', 'clock'));
    expect(bochumDisplayFormat('en-GB', 'clock')).not.toBe(bochumDisplayFormat('de-DE', 'clock'));
  });
});

describe('bochumParts read from its cache of whole hours', () => {
  const intl = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hourCycle: 'h23', weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const fromIntl = (ms: number) => {
    const p: Record<string, string> = {};
    for (const x of intl.formatToParts(ms)) p[x.type] = x.value;
    return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second, weekday: weekdays.indexOf(p.weekday) };
  };

  it.each([
    ['the spring switch of 2024', Date.UTC(2024, 2, 31, 0)],
    ['the autumn switch of 2024', Date.UTC(2024, 9, 27, 0)],
    ['the autumn switch of 1995', Date.UTC(1995, 8, 24, 0)],
    ['the epoch’s eve', Date.UTC(1969, 11, 31, 20)],
  ])('gives Intl’s fields every 997 ms around %s', (_what, at) => {
    for (let t = at - 7_200_000; t < at + 4 * 3_600_000; t += 997) expect(bochumParts(t)).toEqual(fromIntl(t));
  });

  it('gives Intl’s fields for instants from 1938 to 2065, fractions of a millisecond and negative ones included', () => {
    const r = seededRandom(13);
    for (let i = 0; i < 20_000; i++) {
      const t = -1e12 + r() * 4e12 + (i % 3 === 0 ? 0.5 : i % 3 === 1 ? 0.75 : 0);
      expect(bochumParts(t)).toEqual(fromIntl(t));
    }
  });
});
