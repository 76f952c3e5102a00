import { describe, expect, it } from 'vitest';
import { offsetLonLat } from '../../../common/geo.js';
import { streetLabelPoints } from './street-labels.js';

const O: [number, number] = [7.2, 51.48];

describe('streetLabelPoints', () => {
  it('places one label every step along a straight line, half a step in', () => {
    const line = [O, offsetLonLat(O, 6000, 0)];
    const labels = streetLabelPoints('A40', 'motorway', line, 2);
    expect(labels).toHaveLength(3);
    const eastKm = labels.map((l) => ((l.position[0] - O[0]) / (line[1][0] - O[0])) * 6);
    eastKm.forEach((km, i) => expect(km).toBeCloseTo(1 + 2 * i, 6));
    for (const l of labels) expect(l.angle).toBeCloseTo(0, 6);
  });

  it('turns the text along the road and never upside down', () => {
    const north = streetLabelPoints('Herner Straße', 'arterial', [O, offsetLonLat(O, 0, 1000)], 2)[0];
    expect(Math.abs(north.angle)).toBeCloseTo(90, 6);
    // drawn westwards, the text still reads left to right
    const west = streetLabelPoints('Westring', 'ring', [O, offsetLonLat(O, -1000, 0)], 2)[0];
    expect(west.angle).toBeCloseTo(0, 6);
    const southWest = streetLabelPoints('x', 'arterial', [O, offsetLonLat(O, -1000, -1000)], 2)[0];
    expect(southWest.angle).toBeCloseTo(45, 1);
  });

  it('labels a short street once at its middle, follows bends, and skips degenerate lines', () => {
    const bend = [O, offsetLonLat(O, 500, 0), offsetLonLat(O, 500, 500)];
    const [label] = streetLabelPoints('Ostring', 'ring', bend, 2);
    // the middle of 1 km of line is the corner; the first segment holds it
    expect(label.position[0]).toBeCloseTo(offsetLonLat(O, 500, 0)[0], 5);
    expect(streetLabelPoints('x', 'ring', [O], 2)).toEqual([]);
    expect(streetLabelPoints('x', 'ring', [O, O], 2)).toEqual([]);
  });
});
