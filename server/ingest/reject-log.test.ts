import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureLogs } from '../../tests/helpers/log-capture.js';
import { RejectLog } from './reject-log.js';

const INTERVAL = 10_000;

describe('RejectLog', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());

  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  function setup() {
    const { logger, lines } = captureLogs('debug');
    return { lines, rejects: new RejectLog(logger, INTERVAL, () => clock) };
  }

  it('writes the first rejection at once and the rest of the interval as one line with count and example', () => {
    const { lines, rejects } = setup();
    for (let i = 0; i < 10_000; i++) rejects.note('http', 'invalid', `item ${i} is bad`, { sensorId: `s${i}` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'reading rejected', source: 'http', reason: 'invalid', count: 1, detail: 'item 0 is bad', sensorId: 's0' });

    advance(INTERVAL);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ source: 'http', reason: 'invalid', count: 9_999, detail: 'item 1 is bad', sensorId: 's1', intervalS: 10 });
  });

  it('keeps a steady flood to one line per source, reason and interval', () => {
    const { lines, rejects } = setup();
    for (let second = 0; second < 60; second++) {
      for (let i = 0; i < 100; i++) rejects.note('mqtt', 'malformed', 'not JSON');
      advance(1000);
    }
    // one immediate line, then one aggregate per 10 s window
    expect(lines).toHaveLength(1 + 6);
    expect(lines.reduce((sum, l) => sum + (l.count as number), 0)).toBe(6000);
  });

  it('keeps sources and reasons apart', () => {
    const { lines, rejects } = setup();
    for (const source of ['http', 'mqtt']) for (const reason of ['invalid', 'future']) for (let i = 0; i < 3; i++) rejects.note(source, reason, 'x');
    expect(lines.map((l) => `${l.source}/${l.reason}/${l.count}`)).toEqual(['http/invalid/1', 'http/future/1', 'mqtt/invalid/1', 'mqtt/future/1']);
    advance(INTERVAL);
    expect(lines.slice(4).map((l) => `${l.source}/${l.reason}/${l.count}`).sort()).toEqual(['http/future/2', 'http/invalid/2', 'mqtt/future/2', 'mqtt/invalid/2']);
  });

  it('writes a rejection after a quiet interval at once again', () => {
    const { lines, rejects } = setup();
    rejects.note('http', 'invalid', 'first');
    advance(INTERVAL + 1);
    rejects.note('http', 'invalid', 'second');
    expect(lines.map((l) => [l.detail, l.count])).toEqual([
      ['first', 1],
      ['second', 1],
    ]);
  });

  it('flush() writes what is pending', () => {
    const { lines, rejects } = setup();
    rejects.note('http', 'invalid', 'a');
    rejects.note('http', 'invalid', 'b');
    rejects.flush();
    expect(lines.map((l) => [l.detail, l.count])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('writes internal errors at level error', () => {
    const { lines, rejects } = setup();
    rejects.note('mqtt', 'internal_error', 'failed', { cause: 'TypeError: boom' }, 'error');
    expect(lines[0]).toMatchObject({ level: 50, reason: 'internal_error', cause: 'TypeError: boom' });
  });
});
