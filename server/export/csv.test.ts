import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../tests/helpers/rfc4180.js';
import { csvField } from '../../common/csv-field.js';
import { csvColumnName, CsvColumns, historyCsv, historyCsvParts } from './csv.js';

describe('csvColumnName', () => {
  it.each([
    ['airTempC', 'air_temp_c'],
    ['relHumidityPct', 'rel_humidity_pct'],
    ['solarWm2', 'solar_wm2'],
    ['utciC', 'utci_c'],
    ['speedKmh', 'speed_kmh'],
    ['volumeCapacityRatio', 'volume_capacity_ratio'],
    ['flowVehH', 'flow_veh_h'],
    ['available', 'available'],
  ])('%s → %s', (key, name) => expect(csvColumnName(key)).toBe(name));
});

describe('csvField', () => {
  it('quotes a comma, a quote, CR and LF, and nothing else', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });
});

describe('historyCsv', () => {
  it('writes raw points: header with units, Bochum times with offset, CRLF, empty cells for null', () => {
    const csv = historyCsv([
      {
        sensorId: 'climate-westpark',
        points: [
          { t: Date.parse('2024-08-13T13:00:00Z'), values: { airTempC: 35.5, relHumidityPct: 30 }, derived: { utciC: 38.2, utciCategory: 'very-strong-heat-stress' } },
          { t: Date.parse('2024-08-13T13:05:00Z'), values: { airTempC: 35.7, relHumidityPct: 29 }, derived: { utciC: null, utciCategory: null } },
        ],
      },
    ]);
    expect(csv).toBe(
      'sensor_id,time,air_temp_c,rel_humidity_pct,utci_c,utci_category\r\n' +
        'climate-westpark,2024-08-13T15:00:00+02:00,35.5,30,38.2,very-strong-heat-stress\r\n' +
        'climate-westpark,2024-08-13T15:05:00+02:00,35.7,29,,\r\n',
    );
  });

  it('writes rolled-up points with min, max and count, and prefixes a derived figure named like a value', () => {
    const csv = historyCsv([
      {
        sensorId: 'parking-p1',
        points: [{ t: Date.parse('2024-01-15T11:00:00Z'), values: { freeSpaces: 10.5, capacity: 300 }, derived: { capacity: 300, occupancyPct: 96.5 }, min: { freeSpaces: 8 }, max: { freeSpaces: 13 }, count: 4 }],
      },
    ]);
    const { header, rows } = parseCsv(csv);
    expect(header).toEqual(['sensor_id', 'time', 'free_spaces', 'capacity', 'derived_capacity', 'occupancy_pct', 'free_spaces_min', 'free_spaces_max', 'count']);
    expect(rows).toEqual([
      { sensor_id: 'parking-p1', time: '2024-01-15T12:00:00+01:00', free_spaces: '10.5', capacity: '300', derived_capacity: '300', occupancy_pct: '96.5', free_spaces_min: '8', free_spaces_max: '13', count: '4' },
    ]);
  });

  it('quotes an id that needs it and keeps one row per sensor per point', () => {
    const csv = historyCsv([
      { sensorId: 'a', points: [{ t: 1e12, values: { x: 1 }, derived: {} }] },
      { sensorId: 'b,"c"', points: [{ t: 1e12, values: { x: 2 }, derived: { los: 'F' } }, { t: 1e12 + 60_000, values: { x: 3 }, derived: {} }] },
    ]);
    const { rows } = parseCsv(csv);
    expect(rows.map((r) => [r.sensor_id, r.x, r.los])).toEqual([
      ['a', '1', ''],
      ['b,"c"', '2', 'F'],
      ['b,"c"', '3', ''],
    ]);
  });

  it('writes only the header for no points', () => {
    expect(historyCsv([{ sensorId: 'a', points: [] }])).toBe('sensor_id,time\r\n');
  });

  it('takes columns gathered series by series as they were read: the same file, keys in the order they first appear', () => {
    const series = [
      { sensorId: 'a', points: [{ t: 1e12, values: { y: 1 }, derived: {} }] },
      { sensorId: 'b', points: [{ t: 1e12, values: { x: 2, y: 3 }, derived: { los: 'F' }, min: { x: 1 }, max: { y: 4 }, count: 2 }] },
      { sensorId: 'c', points: [] },
    ];
    const gathered = new CsvColumns();
    for (const s of series) gathered.add(s.points);
    const csv = [...historyCsvParts(series, gathered)].join('');
    expect(csv).toBe(historyCsv(series));
    expect(parseCsv(csv).header).toEqual(['sensor_id', 'time', 'y', 'x', 'los', 'x_min', 'x_max', 'y_min', 'y_max', 'count']);
  });
});
