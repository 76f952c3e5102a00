import { describe, expect, it } from 'vitest';
import { BOCHUM_REFERENCE_LAT, lonLatToLocalKm } from '../geo.js';
import type { Place, PlaceExposure } from '../places.js';
import { idw } from './idw.js';
import { seededRandom } from '../seeded-random.js';
import { nearestIdw } from './nearest-idw.js';
import { countAtOrAbove, hoursAtOrAbove, HoursAtOrAbove, PlaceNeighbourhoods, rankPlaces, utciAtPlaces, type StationFrame } from './place-exposure.js';

const WEST = { lon: 7.15, lat: 51.48 };
const EAST = { lon: 7.3, lat: 51.48 };
const place = (id: string, lon: number, lat: number, extra: Partial<Place> = {}): Place => ({ id, name: id, type: 'kita', district: 'Mitte', lon, lat, ...extra });
const Q = 15 * 60_000;

describe('UTCI at a place', () => {
  it.each([
    ['on the west station', WEST.lon, 30],
    ['on the east station', EAST.lon, 40],
    ['half-way between them', (WEST.lon + EAST.lon) / 2, 35],
  ])('is the surface value %s', (_what, lon, expected) => {
    const got = utciAtPlaces([{ ...WEST, value: 30 }, { ...EAST, value: 40 }], [place('p', lon, 51.48)]);
    expect(got.get('p')).toBeCloseTo(expected, 9);
  });

  it('equals the IDW the heat surface draws, in the surface’s planar frame', () => {
    const stations = [{ ...WEST, value: 31 }, { ...EAST, value: 38 }, { lon: 7.22, lat: 51.44, value: 35 }];
    const refLat = 51.47;
    const p = place('p', 7.2, 51.5);
    const samples = stations.map((s) => ({ ...lonLatToLocalKm(s.lon, s.lat, refLat), value: s.value }));
    const at = lonLatToLocalKm(p.lon, p.lat, refLat);
    expect(utciAtPlaces(stations, [p], refLat).get('p')).toBe(idw(samples, at.x, at.y));
  });

  it('is NaN without stations, and ignores stations without a value', () => {
    expect(utciAtPlaces([], [place('p', 7.2, 51.48)]).get('p')).toBeNaN();
    expect(utciAtPlaces([{ ...WEST, value: Number.NaN }, { ...EAST, value: 33 }], [place('p', 7.2, 51.48)]).get('p')).toBe(33);
  });
});

describe('hours under strong heat stress', () => {
  const t0 = Date.parse('2024-08-13T00:00:00+02:00');
  // west stays at 30 °C; east is 36 °C for the first four quarter-hours, then 28 °C
  const frames: StationFrame[] = Array.from({ length: 8 }, (_, i) => ({
    t: t0 + i * Q,
    stations: [{ ...WEST, value: 30 }, { ...EAST, value: i < 4 ? 36 : 28 }],
  }));
  const nearEast = place('east', EAST.lon, EAST.lat);
  const nearWest = place('west', WEST.lon, WEST.lat);

  it.each([
    ['the whole span', t0, t0 + 8 * Q, 1, 0],
    ['from the second quarter-hour', t0 + Q, t0 + 8 * Q, 0.75, 0],
    ['up to (not including) the third', t0, t0 + 2 * Q, 0.5, 0],
    ['after the heat', t0 + 4 * Q, t0 + 8 * Q, 0, 0],
    ['to five minutes into the second bucket (partly filled)', t0, t0 + Q + 5 * 60_000, 0.25 + 5 / 60, 0],
  ])('counts the time in hot buckets over %s', (_span, from, to, east, west) => {
    const h = hoursAtOrAbove(frames, [nearEast, nearWest], 32, Q, from, to);
    expect(h.get('east')).toBeCloseTo(east, 12);
    expect(h.get('west')).toBeCloseTo(west, 12);
  });

  it('counts the threshold itself as reached and a bucket without stations as unknown', () => {
    const edge: StationFrame[] = [
      { t: t0, stations: [{ ...EAST, value: 32 }] },
      { t: t0 + Q, stations: [] },
    ];
    expect(hoursAtOrAbove(edge, [nearEast], 32, Q, t0, t0 + 2 * Q).get('east')).toBe(0.25);
  });
});

describe('exposure from each place’s neighbourhood (a city of any number of stations)', () => {
  const t0 = Date.parse('2024-08-13T00:00:00+02:00');
  /** the frames as the exposure route holds them: per bucket start, a value per weighed station (NaN: silent) */
  const bucketsOf = (nb: PlaceNeighbourhoods, frames: StationFrame[], all: ReadonlyArray<{ lon: number; lat: number }>) =>
    frames.map((f) => {
      const values = new Float64Array(nb.weighed.length).fill(NaN);
      for (const st of f.stations) values[[...nb.weighed].findIndex((i) => all[i].lon === st.lon && all[i].lat === st.lat)] = st.value;
      return { t: f.t, values };
    });

  it('gives hoursAtOrAbove’s hours and utciAtPlaces’ UTCI to the bit in a city of a few stations, silent ones included', () => {
    const r = seededRandom(4);
    const all = Array.from({ length: 22 }, () => ({ lon: 7.1 + r() * 0.3, lat: 51.4 + r() * 0.15 }));
    const places = Array.from({ length: 40 }, (_, i) => place(`p${i}`, 7.1 + r() * 0.3, 51.4 + r() * 0.15));
    // a day of quarter-hours; every fifth station silent in every third bucket
    const frames: StationFrame[] = Array.from({ length: 96 }, (_, b) => ({
      t: t0 + b * Q,
      stations: all.flatMap((st, i) => (b % 3 === 0 && i % 5 === 0 ? [] : [{ ...st, value: 26 + 10 * Math.sin(b / 15 + i) }])),
    }));
    const nb = new PlaceNeighbourhoods(all, places);
    expect(nb.weighed.length).toBe(22);
    const spans = [{ from: t0 + 40 * Q, to: t0 + 95 * Q + 7 * 60_000 }, { from: t0 - 86_400_000, to: t0 + 96 * Q }];
    const hours = new HoursAtOrAbove(places.length, 32, Q, spans);
    for (const { t, values } of bucketsOf(nb, frames, all)) hours.add(t, nb.utci(values));
    spans.forEach(({ from, to }, s) => {
      const reference = hoursAtOrAbove(frames, places, 32, Q, from, to);
      places.forEach((p, i) => expect(hours.hours[s][i]).toBe(reference.get(p.id)));
    });
    expect(hours.hours[0].some((h) => h > 0)).toBe(true);
    const last = bucketsOf(nb, frames, all).at(-1)!;
    const utci = nb.utci(last.values);
    places.forEach((p, i) => expect(utci[i]).toBe(utciAtPlaces(frames.at(-1)!.stations, places).get(p.id)));
  });

  it('with thousands of stations: the nearest ones’ IDW (the map’s surface), reading only the stations some place weighs', () => {
    const r = seededRandom(8);
    const all = Array.from({ length: 4000 }, () => ({ lon: 7.1 + r() * 0.3, lat: 51.4 + r() * 0.15 }));
    const places = Array.from({ length: 30 }, (_, i) => place(`p${i}`, 7.15 + r() * 0.2, 51.42 + r() * 0.1));
    const nb = new PlaceNeighbourhoods(all, places);
    expect(nb.weighed.length).toBeLessThan(30 * 32 + 1);
    const stations = all.map((st, i) => ({ ...st, value: 25 + (i % 13) }));
    const values = Float64Array.from(nb.weighed, (i) => stations[i].value);
    const at = nearestIdw(stations.map((st) => ({ ...lonLatToLocalKm(st.lon, st.lat, BOCHUM_REFERENCE_LAT), value: st.value })));
    const utci = nb.utci(values);
    places.forEach((p, i) => {
      const { x, y } = lonLatToLocalKm(p.lon, p.lat, BOCHUM_REFERENCE_LAT);
      expect(utci[i]).toBeCloseTo(at(x, y), 9);
      expect(utci[i]).toBe(utciAtPlaces(stations, [p]).get(p.id));
    });
  });
});

describe('ranking and counts', () => {
  const places = [
    place('a', 7.2, 51.48, { name: 'Kita Amsel', district: 'Mitte' }),
    place('b', 7.2, 51.48, { name: 'Kita Buche', district: 'Mitte' }),
    place('c', 7.2, 51.48, { name: 'Grundschule C', type: 'school', district: 'Mitte' }),
    place('d', 7.2, 51.48, { name: 'Spielplatz D', type: 'playground', district: 'Mitte' }),
    place('e', 7.2, 51.48, { name: 'Kita Eiche', district: 'Ost' }),
  ];
  const ex = (id: string, today: number, week: number, utciC: number | null): [string, PlaceExposure] => [id, { id, hoursStrongToday: today, hoursStrong7d: week, utciC }];
  const exposure = new Map([ex('a', 2, 10, 33), ex('b', 3, 5, 31), ex('c', 2, 10, 35), ex('d', 9, 9, 40), ex('e', 5, 5, 34)]);

  it('puts the most hours today first, then the week, then the UTCI now; only the asked types and district', () => {
    expect(rankPlaces(places, exposure, { types: ['kita', 'school'], district: 'Mitte' }).map((p) => p.id)).toEqual(['b', 'c', 'a']);
    expect(rankPlaces(places, exposure, { types: ['kita', 'school'] }).map((p) => p.id)).toEqual(['e', 'b', 'c', 'a']);
    expect(rankPlaces(places, exposure, { types: ['playground'] }).map((p) => p.id)).toEqual(['d']);
  });

  it('breaks full ties by name, and places without figures stay out', () => {
    const tie = new Map([ex('a', 1, 1, null), ex('b', 1, 1, null)]);
    expect(rankPlaces(places, tie, { types: ['kita'] }).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('counts places per district and type at or above the threshold', () => {
    const utci = new Map<string, number | null>([['a', 32], ['b', 31.9], ['c', 35], ['d', null], ['e', 40]]);
    const counts = countAtOrAbove(places, utci, 32);
    expect(counts.get('Mitte')).toEqual({ kita: 1, school: 1, playground: 0 });
    expect(counts.get('Ost')).toEqual({ kita: 1, school: 0, playground: 0 });
  });
});
