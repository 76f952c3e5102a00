import { describe, expect, it } from 'vitest';
import { RAISED, stepLifecycle, type AlertState, type Lifecycle, type LifecycleEvent } from './alert-lifecycle.js';

const ack: LifecycleEvent = { type: 'ack', at: 10, by: 'anna', comment: 'Streife informiert' };
const clear: LifecycleEvent = { type: 'clear', at: 20 };
const raise: LifecycleEvent = { type: 'raise', at: 30 };
const escalate: LifecycleEvent = { type: 'escalate', at: 35 };
const shelve: LifecycleEvent = { type: 'shelve', at: 40, by: 'anna', until: 100, reason: 'Sensor in Wartung' };
const early: LifecycleEvent = { type: 'time', at: 99 };
const expiry: LifecycleEvent = { type: 'time', at: 100 };

const run = (events: LifecycleEvent[]): Lifecycle => events.reduce(stepLifecycle, RAISED);

describe('alert lifecycle (ISA-18.2)', () => {
  it.each<[string, LifecycleEvent[], AlertState, boolean]>([
    // name, events from unack_active → state, condition active
    ['raised', [], 'unack_active', true],
    ['acknowledged while active', [ack], 'ack_active', true],
    ['acknowledged, then cleared: leaves the list', [ack, clear], 'cleared', false],
    ['cleared before acknowledgement stays', [clear], 'unack_cleared', false],
    ['unack-cleared, then acknowledged: leaves the list', [clear, ack], 'cleared', false],
    ['unack-cleared, re-raised: active again, still unacknowledged', [clear, raise], 'unack_active', true],
    ['acknowledged, escalated: annunciates again', [ack, escalate], 'unack_active', true],
    ['unacknowledged, escalated: unchanged', [escalate], 'unack_active', true],
    ['a second acknowledgement changes nothing', [ack, { ...ack, by: 'ben' }], 'ack_active', true],
    ['acknowledged-cleared is final: a re-raise is a new alert', [ack, clear, raise], 'cleared', false],
    ['shelved', [shelve], 'shelved', true],
    ['shelved, before expiry', [shelve, early], 'shelved', true],
    ['shelved, expiry while active: annunciates again', [shelve, expiry], 'unack_active', true],
    ['shelved, cleared under the shelf, expiry: gone', [shelve, clear, expiry], 'cleared', false],
    ['shelved, cleared and re-raised under the shelf, expiry: back', [shelve, clear, raise, expiry], 'unack_active', true],
    ['shelved while acknowledged, expiry: needs a new acknowledgement', [ack, shelve, expiry], 'unack_active', true],
    ['unack-cleared, shelved, expiry: gone', [clear, shelve, expiry], 'cleared', false],
    ['an acknowledgement does not unshelve', [shelve, ack], 'shelved', true],
  ])('%s', (_name, events, state, active) => {
    const l = run(events);
    expect(l.state).toBe(state);
    expect(l.active).toBe(active);
  });

  it('records who acknowledged, when and why', () => {
    expect(run([ack]).acknowledged).toEqual({ by: 'anna', at: 10, comment: 'Streife informiert' });
    expect(run([{ type: 'ack', at: 5, by: 'ben' }]).acknowledged).toEqual({ by: 'ben', at: 5 });
    expect(run([ack, escalate]).acknowledged).toBeUndefined();
  });

  it('records the shelf and when the condition cleared', () => {
    expect(run([shelve]).shelved).toEqual({ by: 'anna', at: 40, until: 100, reason: 'Sensor in Wartung' });
    expect(run([clear]).clearedAt).toBe(20);
    expect(run([shelve, expiry]).shelved).toBeUndefined();
  });

  it('returns the same object when nothing changes', () => {
    const l = run([ack]);
    expect(stepLifecycle(l, raise)).toBe(l);
    expect(stepLifecycle(l, early)).toBe(l);
  });
});
