import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import { captureLogs } from '../../tests/helpers/log-capture.js';
import { loadSensorIndex, type SensorIndex } from '../registry.js';
import { LiveState } from '../state/live-state.js';
import { createSteadyClock } from '../steady-clock.js';
import { Ingest } from './ingest.js';

const sensors = loadSensorIndex();
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const T0 = Date.parse('2026-06-16T12:00:00Z');

/** An ingest path on a clock the test moves: `wall` is the server's wall clock, `mono` its monotonic clock. */
function setup() {
  const clocks = { wall: T0, mono: 1_000 };
  const steady = createSteadyClock(() => clocks.wall, () => clocks.mono);
  const { logger, lines } = captureLogs('debug');
  const state = new LiveState();
  const ingest = new Ingest(sensors, state, steady.now, logger, { serverClock: steady });
  const handed: LiveEntry[] = [];
  ingest.onAccepted((e) => handed.push(e));
  const elapse = (ms: number) => {
    clocks.wall += ms;
    clocks.mono += ms;
  };
  const counters = (source = 'test') => ingest.stats.snapshot()[source];
  return { clocks, ingest, state, lines, handed, elapse, counters, now: steady.now };
}

const freeSpaces = (state: LiveState) => {
  const values = state.get('parking-p9-schauspielhaus')?.reading.values;
  return values && 'freeSpaces' in values ? values.freeSpaces : undefined;
};

const parking = (ts: number, freeSpaces = 88) => ({ sensorId: 'parking-p9-schauspielhaus', kind: 'parking', ts, values: { freeSpaces, open: true } });

describe('Ingest: time rules', () => {
  it('refuses a reading 4 min 55 s ahead; one 1 min 55 s ahead is accepted and does not hold the sensor', () => {
    const { ingest, state, elapse, now } = setup();
    expect(ingest.submit(parking(now() + 295 * S), 'test')).toMatchObject({ status: 'rejected', reason: 'future' });

    expect(ingest.submit(parking(now() + 115 * S, 10), 'test')).toEqual({ status: 'accepted' });
    elapse(5 * S);
    // the next correct reading, measured after the early one arrived: it replaces it at once
    expect(ingest.submit(parking(now(), 11), 'test')).toEqual({ status: 'accepted' });
    expect(freeSpaces(state)).toBe(11);
    elapse(5 * S);
    expect(ingest.submit(parking(now(), 12), 'test')).toEqual({ status: 'accepted' });
    // a late copy of the early one is just outdated now
    expect(ingest.submit(parking(now() - 20 * S, 13), 'test')).toEqual({ status: 'outdated' });
  });

  it('a correction of the latest reading (same timestamp, other values) replaces it and is counted as corrected', () => {
    const { ingest, state, handed, counters, now } = setup();
    const ts = now() - 30 * S;
    expect(ingest.submit(parking(ts, 88), 'test')).toEqual({ status: 'accepted' });
    expect(ingest.submit(parking(ts, 88), 'test')).toEqual({ status: 'duplicate' });
    expect(ingest.submit(parking(ts, 87), 'test')).toEqual({ status: 'corrected' });
    expect(freeSpaces(state)).toBe(87);
    expect(handed.map((e) => e.reading.values)).toEqual([
      { freeSpaces: 88, open: true },
      { freeSpaces: 87, open: true },
    ]);
    expect(counters()).toMatchObject({ accepted: 1, corrected: 1, duplicates: 1 });
  });

  it('a duplicate is a duplicate whatever the key order of its values', () => {
    const { ingest, now } = setup();
    const ts = now();
    ingest.submit(parking(ts), 'test');
    expect(ingest.submit({ sensorId: 'parking-p9-schauspielhaus', kind: 'parking', ts, values: { open: true, freeSpaces: 88 } }, 'test')).toEqual({ status: 'duplicate' });
  });

  it.each([
    ['in seconds instead of ms', (now: number) => Math.floor(now / 1000)],
    ['from a device clock reset to 2000', () => Date.UTC(2000, 0, 1, 0, 5)],
    ['more than 48 h old', (now: number) => now - 49 * H],
  ])('refuses a timestamp %s as implausible_time, even for a sensor with no reading yet', (_what, ts) => {
    const { ingest, state, counters, now } = setup();
    expect(ingest.submit(parking(ts(now())), 'test')).toMatchObject({ status: 'rejected', reason: 'implausible_time' });
    expect(state.size).toBe(0);
    expect(counters().rejected.implausible_time).toBe(1);
  });

  it('a wall-clock step of an hour, either way, neither refuses correct readings nor moves lastSeen', () => {
    const { clocks, ingest, counters, elapse } = setup();
    let truth = T0;
    const report = (free: number) => {
      truth += 10 * S;
      elapse(10 * S);
      return ingest.submit(parking(truth, free), 'test');
    };
    expect(report(1)).toEqual({ status: 'accepted' });
    clocks.wall -= H; // stepped back: correct readings would look an hour ahead
    expect(report(2)).toEqual({ status: 'accepted' });
    expect(counters().lastSeen).toBe(truth);
    clocks.wall += 2 * H; // stepped forward: they would look an hour old
    expect(report(3)).toEqual({ status: 'accepted' });
    expect(counters().lastSeen).toBe(truth);
    expect(counters().rejected.future).toBe(0);
  });

  it('says in a refusal for time when the wall clock was stepped, and not otherwise', () => {
    const { clocks, ingest, now } = setup();
    const notStepped = ingest.submit(parking(now() + H), 'test');
    expect(notStepped).toMatchObject({ status: 'rejected', reason: 'future' });
    expect(notStepped).not.toMatchObject({ detail: expect.stringMatching(/stepped/) });
    clocks.wall += H;
    expect(ingest.submit(parking(now() + H), 'test')).toMatchObject({
      reason: 'future',
      detail: expect.stringMatching(/wall clock was stepped by 3600 s since start-up; Stadtpuls keeps its start-up clock until restarted/),
    });
  });
});

describe('Ingest: the live state is the truth', () => {
  it('orders against an entry set in the live state directly (e.g. restored), not only against its own marks', () => {
    const { ingest, state, now } = setup();
    ingest.submit(parking(now() - 60 * S, 1), 'test');
    const restored = ingest.check(parking(now() - 10 * S, 2));
    if (!restored.ok) throw new Error('fixture');
    state.set({ reading: restored.reading, derived: state.get('parking-p9-schauspielhaus')!.derived, receivedAt: now() });
    expect(ingest.submit(parking(now() - 30 * S, 3), 'test')).toEqual({ status: 'outdated' });
    expect(freeSpaces(state)).toBe(2);
  });
});

describe('Ingest: shapes that once threw', () => {
  it.each([
    ['a sensorId whose toString is not a function', { sensorId: { toString: 1 }, kind: 'climate', ts: 1, values: {} }, 'invalid'],
    ['a sensorId that is an array', { sensorId: [1, 2], kind: 'parking', ts: T0, values: {} }, 'invalid'],
    ['a timestamp beyond what a Date holds', { ...parking(0), ts: 8.7e15 }, 'future'],
    ['a huge object as values', { ...parking(T0), values: Object.fromEntries([...Array(2000).keys()].map((k) => [`k${k}`, k])) }, 'invalid'],
    ['null', null, 'invalid'],
    ['a string', 'reading', 'invalid'],
    ['a deeply nested array', JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`), 'invalid'],
  ])('%s is counted and refused with a reason', (_what, raw, reason) => {
    const { ingest, counters, lines } = setup();
    expect(ingest.submit(raw, 'test')).toMatchObject({ status: 'rejected', reason });
    expect(counters().rejected[reason as 'invalid']).toBe(1);
    expect(lines).toHaveLength(1);
    expect((lines[0].detail as string).length).toBeLessThan(400);
  });

  it('a bug on the way is counted as internal_error, not thrown', () => {
    const { logger, lines } = captureLogs('debug');
    const bug = () => {
      throw new Error('registry bug');
    };
    const broken = { size: 0, get: bug, slotOf: bug, at: bug } as unknown as SensorIndex;
    const ingest = new Ingest(broken, new LiveState(), Date.now, logger);
    expect(ingest.submit(parking(Date.now()), 'test')).toMatchObject({ status: 'rejected', reason: 'internal_error', detail: expect.not.stringContaining('registry bug') });
    expect(ingest.stats.snapshot().test.rejected.internal_error).toBe(1);
    expect(lines[0]).toMatchObject({ level: 50, reason: 'internal_error', cause: expect.stringContaining('registry bug') });
  });

  it('a failing listener of accepted readings neither loses the reading nor counts it twice', () => {
    const { ingest, state, counters, lines, now, elapse } = setup();
    ingest.onAccepted(() => {
      throw new Error('listener bug');
    });
    for (let i = 0; i < 5; i++) {
      elapse(S);
      expect(ingest.submit(parking(now(), i), 'test')).toEqual({ status: 'accepted' });
    }
    expect(freeSpaces(state)).toBe(4);
    expect(counters()).toMatchObject({ accepted: 5, rejected: expect.objectContaining({ internal_error: 0 }) });
    expect(lines.filter((l) => l.msg === 'a listener of accepted readings failed')).toHaveLength(1);
  });
});
