import { describe, expect, it } from 'vitest';
import { checkTimestamp, DEFAULT_TIME_RULES, EARLIEST_PLAUSIBLE_TS, orderAgainstLatest } from './time-rules.js';

const NOW = Date.parse('2026-06-16T12:00:00Z');
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('checkTimestamp', () => {
  it.each([
    ['now', NOW, null],
    ['10 min ago', NOW - 10 * MIN, null],
    ['1 min 59 s ahead (a fast device clock, within the 2 min tolerance)', NOW + 119 * S, null],
    ['exactly at the tolerance', NOW + 2 * MIN, null],
    ['2 min 1 s ahead', NOW + 121 * S, 'future'],
    ['4 min 55 s ahead (accepted before, and then held the sensor for 5 min)', NOW + 295 * S, 'future'],
    ['beyond what a Date can hold (was an HTTP 500)', 8.7e15, 'future'],
    ['47 h 59 min ago', NOW - 48 * H + MIN, null],
    ['48 h 1 min ago: older than the raw history keeps', NOW - 48 * H - MIN, 'implausible_time'],
    ['a device clock reset to 2000-01-01 00:05', Date.UTC(2000, 0, 1, 0, 5), 'implausible_time'],
    ['1999-12-31', Date.UTC(1999, 11, 31), 'implausible_time'],
    ['seconds instead of milliseconds (was accepted as January 1970)', Math.floor(NOW / 1000), 'implausible_time'],
    ['1 ms after the epoch', 1, 'implausible_time'],
  ])('%s', (_what, ts, reason) => {
    expect(checkTimestamp(ts, NOW)?.reason ?? null).toBe(reason);
  });

  it('says what a timestamp in seconds or microseconds looks like', () => {
    expect(checkTimestamp(Math.floor(NOW / 1000), NOW)?.detail).toMatch(/looks like seconds since 1970, send milliseconds/);
    expect(checkTimestamp(NOW * 1000, NOW)?.detail).toMatch(/looks like microseconds/);
    expect(checkTimestamp(Date.UTC(1990, 0, 1), NOW)?.detail).toMatch(/before 2000-01-01: a device clock reset\?/);
  });

  it('never throws, whatever the number', () => {
    for (const ts of [Number.MAX_SAFE_INTEGER, 8.64e15 + 1, -8.64e15 - 1, 0, -1, Number.MIN_SAFE_INTEGER]) {
      expect(() => checkTimestamp(ts, NOW)).not.toThrow();
    }
  });

  it('measures against the reference it is given (the city clock of a simulated run)', () => {
    const city = Date.parse('2024-08-13T15:00:00+02:00');
    expect(checkTimestamp(city + MIN, city)).toBeNull();
    expect(checkTimestamp(NOW, city)?.reason).toBe('future');
  });

  it('keeps 2000-01-01 as the earliest and the raw retention as the oldest', () => {
    expect(EARLIEST_PLAUSIBLE_TS).toBe(946_684_800_000);
    expect(DEFAULT_TIME_RULES).toEqual({ futureToleranceMs: 2 * MIN, maxAgeMs: 48 * H });
  });
});

describe('orderAgainstLatest', () => {
  const onTime = { ts: NOW - 30 * S, acceptedAt: NOW - 29 * S };
  // Stamped 90 s ahead of its arrival at NOW - 60 s: the sender's clock was fast.
  const early = { ts: NOW + 30 * S, acceptedAt: NOW - 60 * S };

  it.each([
    ['no latest yet', NOW, undefined, 'newer'],
    ['later than the latest', NOW, onTime, 'newer'],
    ['the latest timestamp again', onTime.ts, onTime, 'same_time'],
    ['earlier than an on-time latest', onTime.ts - 1, onTime, 'outdated'],
    ['measured after an early latest arrived, on time itself', NOW, early, 'supersedes_early'],
    ['measured just after the early latest arrived', early.acceptedAt + 1, early, 'supersedes_early'],
    ['measured before the early latest arrived', early.acceptedAt - 1, early, 'outdated'],
    ['itself ahead of the clock, but before the early latest', NOW + 10 * S, early, 'outdated'],
    ['later than the early latest', early.ts + 1, early, 'newer'],
  ] as const)('%s', (_what, ts, latest, ordering) => {
    expect(orderAgainstLatest(ts, NOW, latest)).toBe(ordering);
  });

  it('an early latest holds a sender whose clock stays fast for no longer than the tolerance', () => {
    // Accepted at the tolerance's edge; the same sender, still 100 s fast, reports every 10 s.
    const latest = { ts: NOW + DEFAULT_TIME_RULES.futureToleranceMs, acceptedAt: NOW };
    const reportTimes = [...Array(30).keys()].map((i) => NOW + (i + 1) * 10 * S);
    const firstApplied = reportTimes.find((t) => orderAgainstLatest(t + 100 * S, t, latest) === 'newer');
    expect(firstApplied! - NOW).toBe(30 * S);
    expect(firstApplied! - NOW).toBeLessThanOrEqual(DEFAULT_TIME_RULES.futureToleranceMs);
  });
});
