import { describe, expect, it } from 'vitest';
import type { TrafficEvent } from '../../common/models/traffic-events.js';
import { eventParkingTarget } from './event-parking.js';

const match: TrafficEvent = { type: 'football', venue: 'ruhrstadion', kickoff: '2026-08-22T15:30:00+02:00', spectators: 26000 };
const stadionring: [number, number] = [7.23289, 51.49308];
const husemannplatz: [number, number] = [7.21582, 51.48043];
const at = (hm: string) => Date.parse(`2026-08-22T${hm.length === 5 ? `${hm}:00` : hm}+02:00`);

describe('car parks near a venue fill on event days', () => {
  it.each([
    ['12:00', 0],
    ['13:30', 0],
    // halfway through the two-hour fill (13:30 → 15:15)
    ['14:22:30', 0.49],
    ['15:15', 0.98],
    ['16:30', 0.98],
    // final whistle 17:20, empty again by 18:05
    ['17:20', 0.98],
    ['17:42:30', 0.49],
    ['18:05', 0],
    ['19:00', 0],
  ])('PH Stadionring at %s: %d', (hm, fill) => {
    expect(eventParkingTarget([match], stadionring, at(hm))).toBeCloseTo(fill, 2);
  });

  it('leaves a city-centre car park 2 km away alone', () => {
    expect(eventParkingTarget([match], husemannplatz, at('16:30'))).toBe(0);
  });
});
