import { describe, expect, it } from 'vitest';
import { eventCarProgress, eventPhase, eventSpan, type TrafficEvent } from './traffic-events.js';

const match: TrafficEvent = { type: 'football', venue: 'ruhrstadion', kickoff: '2026-08-22T15:30:00+02:00', spectators: 26_000 };
const concert: TrafficEvent = { type: 'event', venue: 'jahrhunderthalle', start: '2026-08-22T20:00:00+02:00', end: '2026-08-22T22:30:00+02:00', visitors: 4000 };
const at = (hhmm: string) => Date.parse(`2026-08-22T${hhmm}:00+02:00`);

describe('the phase of an event, for the map marker and the header', () => {
  it.each([
    ['11:00', null],
    ['13:45', 'arrival'],
    ['15:29', 'arrival'],
    ['15:30', 'under-way'],
    ['17:19', 'under-way'],
    ['17:20', 'departure'],
    ['18:15', 'departure'],
    ['19:00', null],
  ])('VfL match at %s: %s', (hhmm, phase) => {
    expect(eventPhase(match, at(hhmm))).toBe(phase);
  });

  it.each([
    ['18:00', null],
    ['19:45', 'arrival'],
    ['21:00', 'under-way'],
    ['22:40', 'departure'],
    ['23:45', null],
  ])('concert at %s: %s', (hhmm, phase) => {
    expect(eventPhase(concert, at(hhmm))).toBe(phase);
  });

  it('a match lasts from kick-off to the final whistle 110 minutes later', () => {
    expect(eventSpan(match)).toEqual({ start: at('15:30'), end: at('17:20') });
  });

  it('counts cars arriving before and leaving after, each share rising from 0 to 1', () => {
    let last = { arrived: 0, left: 0 };
    for (let t = at('10:00'); t <= at('21:00'); t += 300_000) {
      const p = eventCarProgress(match, t);
      expect(p.arrived).toBeGreaterThanOrEqual(last.arrived - 1e-12);
      expect(p.left).toBeGreaterThanOrEqual(last.left - 1e-12);
      last = p;
    }
    expect(eventCarProgress(match, at('15:30')).arrived).toBeGreaterThan(0.9);
    expect(eventCarProgress(match, at('15:30')).left).toBeLessThan(1e-6);
    expect(last.left).toBeGreaterThan(0.999);
  });
});
