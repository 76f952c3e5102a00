import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../../common/models/traffic-events.js';
import { eventParkingTarget } from './event-parking.js';

const match: TrafficEvent = { type: 'football', venue: 'ruhrstadion', kickoff: '2026-08-22T15:30:00+02:00', spectators: 26000 };
const stadionring: [number, number] = [7.23289, 51.49308];
const husemannplatz: [number, number] = [7.21582, 51.48043];
const at = (hm: string) => Date.parse(`2026-08-22T${hm.length === 5 ? `${hm}:00` : hm}+02:00`);

describe('car parks near a venue fill on event days', () => {
  const fill = (hm: string) => eventParkingTarget([match], stadionring, at(hm));
  it.each([
    ['12:00', 'empty of match traffic 3.5 h before kick-off', (f: number) => f === 0],
    ['13:30', 'the first fans arrive two hours before', (f: number) => f > 0 && f < 0.1],
    ['14:15', 'filling', (f: number) => f > 0.3 && f < 0.8],
    ['14:45', 'full three quarters of an hour before kick-off', (f: number) => f >= 0.97],
    ['16:30', 'full during the match', (f: number) => f >= 0.97],
    ['17:20', 'a few leave before the final whistle', (f: number) => f > 0.75 && f < 0.97],
    ['17:45', 'emptying after the final whistle', (f: number) => f > 0.2 && f < 0.6],
    ['18:30', 'empty again an hour after it', (f: number) => f === 0],
  ])('PH Stadionring at %s: %s', (hm, _what, check) => {
    expect(check(fill(hm)), `${fill(hm)}`).toBe(true);
  });

  it('only fills before kick-off and only empties after it', () => {
    let last = 0;
    for (let t = at('12:00'); t <= at('15:30'); t += 60_000) {
      const f = eventParkingTarget([match], stadionring, t);
      // (the departure wave's far tail takes off less than a millionth before kick-off)
      expect(f).toBeGreaterThanOrEqual(last - 1e-6);
      last = f;
    }
    for (let t = at('16:00'); t <= at('19:00'); t += 60_000) {
      const f = eventParkingTarget([match], stadionring, t);
      expect(f).toBeLessThanOrEqual(last);
      last = f;
    }
  });

  it('leaves a city-centre car park 2 km away alone', () => {
    expect(eventParkingTarget([match], husemannplatz, at('16:30'))).toBe(0);
  });
});
