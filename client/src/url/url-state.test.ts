import { describe, expect, it } from 'vitest';
import { defaultLayers, formatUrlState, parseUrlState, type UrlState } from './url-state.js';

const live: UrlState = { view: null, layers: defaultLayers(), t: null, sel: null, places: false };
const every = { climate: true, traffic: true, parking: true, charging: true, tree: true };

describe('parseUrlState', () => {
  it('reads nothing from an empty query: live, the default layers (no street trees), default view', () => {
    expect(parseUrlState('')).toEqual(live);
  });

  it('reads view, layers (heat = climate), time and selection', () => {
    expect(parseUrlState('?view=7.2162,51.4818,12.5&layers=heat,parking&t=2024-08-13T13:00:00.000Z&sel=bench-westpark')).toEqual({
      view: { lon: 7.2162, lat: 51.4818, zoom: 12.5 },
      layers: { climate: true, traffic: false, parking: true, charging: false, tree: false },
      t: Date.parse('2024-08-13T15:00:00+02:00'),
      sel: { type: 'sensor', id: 'bench-westpark' },
      places: false,
    });
  });

  it.each([
    ['t=1723554000000', { t: 1723554000000 }],
    ['t=2024-08-13T15:00:00%2B02:00', { t: Date.parse('2024-08-13T13:00:00Z') }],
    ['t=yesterday', { t: null }],
    ['t=2024-13-45T99:00:00Z', { t: null }],
    ['view=7.2,51.5', { view: null }],
    ['view=7.2,95,12', { view: null }],
    ['view=a,b,c', { view: null }],
    ['sel=district/wattenscheid', { sel: { type: 'district', id: 'wattenscheid' } }],
    ['sel=<script>', { sel: null }],
    ['layers=none', { layers: { climate: false, traffic: false, parking: false, charging: false, tree: false } }],
    ['layers=', { layers: { climate: false, traffic: false, parking: false, charging: false, tree: false } }],
    ['layers=climate', { layers: { climate: true, traffic: false, parking: false, charging: false, tree: false } }],
    ['layers=heat,places', { layers: { climate: true, traffic: false, parking: false, charging: false, tree: false }, places: true }],
    ['layers=places', { layers: { climate: false, traffic: false, parking: false, charging: false, tree: false }, places: true }],
    ['layers=heat', { places: false }],
    ['', { layers: { climate: true, traffic: true, parking: true, charging: true, tree: false } }],
    ['layers=traffic,heat,parking,charging,trees', { layers: { climate: true, traffic: true, parking: true, charging: true, tree: true } }],
  ])('%s', (query, expected) => {
    expect(parseUrlState(`?${query}`)).toMatchObject(expected);
  });
});

describe('formatUrlState', () => {
  it('writes nothing for the live default and keeps foreign parameters', () => {
    expect(formatUrlState(live, '?wall=1&lang=en&t=2024-01-01T00:00:00Z')).toBe('?wall=1&lang=en');
    expect(formatUrlState(live)).toBe('');
  });

  it('round-trips every state it writes', () => {
    const states: UrlState[] = [
      { view: { lon: 7.21623, lat: 51.48181, zoom: 13.25 }, layers: { climate: true, traffic: true, parking: false, charging: false, tree: true }, t: Date.parse('2024-08-13T13:05:00Z'), sel: { type: 'sensor', id: 'ph-stadionring' } },
      { view: null, layers: { climate: false, traffic: false, parking: false, charging: false, tree: false }, t: null, sel: { type: 'district', id: 'bochum-mitte' } },
      { view: null, layers: defaultLayers(), t: 1723554000123, sel: { type: 'sensor', id: 'tr:a43:n.1' } },
      { view: null, layers: defaultLayers(), t: null, sel: null, places: true },
      { view: null, layers: every, t: null, sel: null },
      { view: null, layers: { climate: false, traffic: false, parking: false, charging: false, tree: false }, t: null, sel: null, places: true },
    ];
    for (const s of states) expect(parseUrlState(formatUrlState(s, '?wall=1'))).toEqual({ places: false, ...s });
  });

  it('keeps the address readable', () => {
    const q = formatUrlState({ view: { lon: 7.2, lat: 51.5, zoom: 12 }, layers: { ...defaultLayers(), charging: false }, t: Date.parse('2024-08-13T13:00:00Z'), sel: { type: 'district', id: 'mitte' } });
    expect(q).toBe('?view=7.20000,51.50000,12.00&layers=traffic,heat,parking&t=2024-08-13T13:00:00.000Z&sel=district/mitte');
  });

  it('names the places layer only when it is on, also with every sensor layer on', () => {
    expect(formatUrlState({ ...live, places: true })).toBe('?layers=traffic,heat,parking,charging,places');
    expect(formatUrlState({ ...live, places: false })).toBe('');
    expect(formatUrlState({ ...live, layers: { ...defaultLayers(), traffic: false, parking: false, charging: false }, places: true })).toBe('?layers=heat,places');
    expect(formatUrlState({ ...live, layers: { ...defaultLayers(), charging: false } })).toBe('?layers=traffic,heat,parking');
  });

  it('names the street trees only when they are on', () => {
    expect(formatUrlState({ ...live, layers: every })).toBe('?layers=traffic,heat,parking,charging,trees');
    expect(formatUrlState({ ...live, layers: { ...defaultLayers(), tree: true, charging: false } })).toBe('?layers=traffic,heat,parking,trees');
  });
});
