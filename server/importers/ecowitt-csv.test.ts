import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bochumDayKey, bochumIso } from '../../common/bochum-time.js';
import { readingSchema, type ClimateReading } from '../../common/readings.js';
import { REPO_ROOT } from '../paths.js';
import { splitCsvLine } from './csv-line.js';
import { EcowittHeaderError, parseEcowittCsv, type EcowittCsvResult } from './ecowitt-csv.js';
import { loadEcowittDirectory, normaliseMac, type EcowittDirectoryResult } from './ecowitt-directory.js';

const SENSOR = 'climate-test';
const HEADER = 'datetime,outdoor_temperature,outdoor_humidity,wind_wind_speed,solar_and_uvi_solar,pressure_relative';
const GOOD = '2024-08-13 15:05:00+02:00,30.5,40,6.1,640.5,1000.5';
const GOOD_TS = Date.UTC(2024, 7, 13, 13, 5);

/** Parses and checks what must hold for every input: the row balance and the reading model. */
function parse(text: string): EcowittCsvResult {
  const result = parseEcowittCsv(text, { sensorId: SENSOR });
  expect(result.readings.length + result.bad.length).toBe(result.rows);
  for (const r of result.readings) expect(readingSchema.safeParse(r).success).toBe(true);
  return result;
}

/** The GOOD row with some cells replaced, by column name. */
function row(overrides: Record<string, string>): string {
  const names = HEADER.split(',');
  return GOOD.split(',')
    .map((cell, i) => overrides[names[i]] ?? cell)
    .join(',');
}

describe('parseEcowittCsv: good input', () => {
  it('turns a row into a climate reading in the model units', () => {
    const { readings, rows, bad } = parse(`${HEADER}\n${GOOD}\n`);
    expect(rows).toBe(1);
    expect(bad).toEqual([]);
    expect(readings).toEqual([
      {
        sensorId: SENSOR,
        kind: 'climate',
        ts: GOOD_TS,
        values: { airTempC: 30.5, relHumidityPct: 40, windKmh: 6.1, solarWm2: 640.5, pressureHpa: 1000.5 },
      },
    ]);
  });

  it('maps columns by name, whatever their order and whatever else the export holds', () => {
    const text = [
      'pressure_relative,wind_wind_gust,solar_and_uvi_solar,datetime,outdoor_humidity,indoor_temperature,wind_wind_speed,outdoor_temperature',
      '1000.5,9.9,640.5,2024-08-13 15:05:00+02:00,40,25.0,6.1,30.5',
    ].join('\n');
    expect(parse(text).readings).toEqual(parse(`${HEADER}\n${GOOD}`).readings);
  });

  it('copes with a BOM, CRLF, blank and comma-only lines, trailing commas and quoted cells, counting physical lines', () => {
    const text = `\uFEFF${HEADER},\r\n\r\n${GOOD},\r\n,,,,\r\n   \r\n"2024-08-13 15:10:00+02:00","30.6",40,6.1,640.5,1000.5,\r\n2024-08-13 15:15:00+02:00,x,40,6.1,640.5,1000.5\r\n`;
    const { readings, rows, bad } = parse(text);
    expect(rows).toBe(3);
    expect(readings.map((r) => r.values.airTempC)).toEqual([30.5, 30.6]);
    expect(bad).toEqual([{ line: 7, reason: 'non-numeric outdoor_temperature: "x"' }]);
  });

  it('accepts a header line after leading blank lines', () => {
    expect(parse(`\n\n${HEADER}\n${GOOD}`).readings).toHaveLength(1);
  });

  it.each([
    ['+02:00 with a space', '2024-08-13 15:05:00+02:00'],
    ['T separator', '2024-08-13T15:05:00+02:00'],
    ['Z', '2024-08-13T13:05:00Z'],
    ['lower-case z', '2024-08-13 13:05:00z'],
    ['offset without colon', '2024-08-13 15:05:00+0200'],
    ['hour-only offset', '2024-08-13 15:05:00+02'],
    ['negative offset', '2024-08-13 09:05:00-04:00'],
    ['no seconds', '2024-08-13T15:05+02:00'],
    ['milliseconds', '2024-08-13T13:05:00.000Z'],
    ['space before the offset', '2024-08-13 15:05:00 +02:00'],
  ])('reads a timestamp with %s', (_name, datetime) => {
    expect(parse(`${HEADER}\n${row({ datetime })}`).readings[0]?.ts).toBe(GOOD_TS);
  });

  it('keeps the sub-second part of a timestamp', () => {
    expect(parse(`${HEADER}\n${row({ datetime: '2024-08-13T13:05:00.250Z' })}`).readings[0].ts).toBe(GOOD_TS + 250);
  });

  it.each([
    ['an empty cell', ''],
    ['the Ecowitt "--" placeholder', '--'],
  ])('leaves out the optional pressure for %s', (_name, pressure_relative) => {
    const { readings } = parse(`${HEADER}\n${row({ pressure_relative })}`);
    expect(readings).toHaveLength(1);
    expect(readings[0].values).not.toHaveProperty('pressureHpa');
  });

  it('reads a station without a barometer column', () => {
    const text = 'datetime,outdoor_temperature,outdoor_humidity,wind_wind_speed,solar_and_uvi_solar\n2024-08-13 15:05:00+02:00,30.5,40,6.1,640.5';
    const { readings, bad } = parse(text);
    expect(bad).toEqual([]);
    expect(readings[0].values).toEqual({ airTempC: 30.5, relHumidityPct: 40, windKmh: 6.1, solarWm2: 640.5 });
  });
});

describe('parseEcowittCsv: units stated in the header', () => {
  it.each([
    ['outdoor_temperature(°F)', '104', { airTempC: 40 }],
    ['outdoor_temperature (℉)', '32', { airTempC: 0 }],
    ['outdoor_temperature[degF]', '-40', { airTempC: -40 }],
    ['outdoor_temperature(°C)', '30.5', { airTempC: 30.5 }],
    ['Outdoor Temperature(℃)', '30.5', { airTempC: 30.5 }],
    ['wind_wind_speed(mph)', '10', { windKmh: 16.09 }],
    ['wind_wind_speed(m/s)', '2', { windKmh: 7.2 }],
    ['wind_wind_speed(km/h)', '6.1', { windKmh: 6.1 }],
    ['pressure_relative(inHg)', '29.53', { pressureHpa: 1000 }],
    ['solar_and_uvi_solar(W/m²)', '640.5', { solarWm2: 640.5 }],
  ])('%s = %s', (column, value, expected) => {
    const name = column.replace(/\s*[([].*$/, '').toLowerCase().replace(/\s+/g, '_');
    const header = HEADER.replace(name, column);
    const { readings, bad } = parse(`${header}\n${row({ [name]: value })}`);
    expect(bad).toEqual([]);
    expect(readings[0].values).toMatchObject(expected);
  });

  it('refuses every row of a column in a unit it cannot convert', () => {
    const header = HEADER.replace('solar_and_uvi_solar', 'solar_and_uvi_solar(klux)');
    const { readings, bad } = parse(`${header}\n${GOOD}\n${row({ datetime: '2024-08-13 15:10:00+02:00' })}`);
    expect(readings).toEqual([]);
    expect(bad.map((b) => b.reason)).toEqual(Array(2).fill('unsupported unit "klux" for solar_and_uvi_solar'));
  });
});

describe('parseEcowittCsv: bad rows are counted with their reason, good rows kept', () => {
  it.each([
    ['empty humidity', { outdoor_humidity: '' }, 'missing outdoor_humidity'],
    ['"--" solar', { solar_and_uvi_solar: '--' }, 'missing solar_and_uvi_solar'],
    ['empty temperature', { outdoor_temperature: ' ' }, 'missing outdoor_temperature'],
    ['empty wind', { wind_wind_speed: '' }, 'missing wind_wind_speed'],
    ['text temperature', { outdoor_temperature: 'abc' }, 'non-numeric outdoor_temperature: "abc"'],
    ['decimal comma', { outdoor_humidity: '"40,5"' }, 'non-numeric outdoor_humidity: "40,5"'],
    ['NaN', { wind_wind_speed: 'NaN' }, 'non-numeric wind_wind_speed: "NaN"'],
    ['text pressure', { pressure_relative: 'n/a' }, 'non-numeric pressure_relative: "n/a"'],
    ['temperature too high', { outdoor_temperature: '72.5' }, 'out of range outdoor_temperature: airTempC 72.5 (Too big: expected number to be <=60)'],
    ['temperature too low', { outdoor_temperature: '-51' }, 'out of range outdoor_temperature: airTempC -51 (Too small: expected number to be >=-50)'],
    ['humidity over 100 %', { outdoor_humidity: '101' }, 'out of range outdoor_humidity: relHumidityPct 101 (Too big: expected number to be <=100)'],
    ['negative wind', { wind_wind_speed: '-0.4' }, 'out of range wind_wind_speed: windKmh -0.4 (Too small: expected number to be >=0)'],
    ['solar above any sun', { solar_and_uvi_solar: '2000' }, 'out of range solar_and_uvi_solar: solarWm2 2000 (Too big: expected number to be <=1500)'],
    ['pressure of a broken barometer', { pressure_relative: '0' }, 'out of range pressure_relative: pressureHpa 0 (Too small: expected number to be >=800)'],
    ['overflowing number', { outdoor_temperature: '1e999' }, 'non-numeric outdoor_temperature: "1e999"'],
    ['no timestamp', { datetime: '' }, 'missing datetime'],
    ['timestamp without offset', { datetime: '2024-08-13 15:05:00' }, 'timestamp without UTC offset "2024-08-13 15:05:00"'],
    ['unreadable timestamp', { datetime: '13.08.2024 15:05' }, 'unreadable timestamp "13.08.2024 15:05"'],
    ['impossible date', { datetime: '2024-02-30 15:05:00+01:00' }, 'impossible date or time "2024-02-30 15:05:00+01:00"'],
    ['impossible hour', { datetime: '2024-08-13 24:05:00+02:00' }, 'impossible date or time "2024-08-13 24:05:00+02:00"'],
    ['impossible offset', { datetime: '2024-08-13 15:05:00+25:00' }, 'impossible UTC offset "2024-08-13 15:05:00+25:00"'],
    ['before 1970', { datetime: '1969-08-13 15:05:00+02:00' }, 'out of range datetime: 1969-08-13 15:05:00+02:00 (Too small: expected number to be >0)'],
    ['two problems at once', { outdoor_humidity: '', wind_wind_speed: 'x' }, 'missing outdoor_humidity; non-numeric wind_wind_speed: "x"'],
  ])('%s', (_name, overrides, reason) => {
    const before = '2024-08-13 15:00:00+02:00,30.0,40,6.1,640.5,1000.5';
    const after = '2024-08-13 15:10:00+02:00,31.0,40,6.1,640.5,1000.5';
    const { readings, rows, bad } = parse([HEADER, before, row(overrides), after].join('\n'));
    expect(rows).toBe(3);
    expect(bad).toEqual([{ line: 3, reason }]);
    expect(readings.map((r) => r.values.airTempC)).toEqual([30, 31]);
  });

  it.each([
    ['a truncated row', '2024-08-13 15:05:00+02:00,30.5,40', 'truncated row: 3 of 6 cells'],
    ['a row with extra cells', `${GOOD},7,8`, 'row has 8 cells, header has 6: columns may be shifted'],
  ])('refuses %s', (_name, line, reason) => {
    expect(parse(`${HEADER}\n${line}`).bad).toEqual([{ line: 2, reason }]);
  });

  it('refuses every row when the header lacks a required column', () => {
    const header = 'datetime,outdoor_temperature,outdoor_humidity,wind_wind_speed,pressure_relative';
    const text = `${header}\n2024-08-13 15:05:00+02:00,30.5,40,6.1,1000.5\n2024-08-13 15:10:00+02:00,30.6,40,6.1,1000.5`;
    const { readings, bad } = parse(text);
    expect(readings).toEqual([]);
    expect(bad).toEqual([
      { line: 2, reason: 'missing solar_and_uvi_solar (no such column)' },
      { line: 3, reason: 'missing solar_and_uvi_solar (no such column)' },
    ]);
  });

  it('keeps the first reading of a timestamp and counts later ones, however the instant is written', () => {
    const text = [HEADER, GOOD, row({ outdoor_temperature: '99' }), row({ datetime: '2024-08-13T13:05:00Z', outdoor_temperature: '31' })].join('\n');
    const { readings, bad } = parse(text);
    expect(readings.map((r) => r.values.airTempC)).toEqual([30.5]);
    expect(bad).toEqual([
      { line: 3, reason: 'out of range outdoor_temperature: airTempC 99 (Too big: expected number to be <=60)' },
      { line: 4, reason: 'duplicate timestamp (first at line 2)' },
    ]);
  });

  it('takes a later row of a timestamp whose first row was refused', () => {
    const text = [HEADER, row({ outdoor_humidity: '' }), GOOD].join('\n');
    const { readings, bad } = parse(text);
    expect(readings).toHaveLength(1);
    expect(bad).toEqual([{ line: 2, reason: 'missing outdoor_humidity' }]);
  });
});

describe('parseEcowittCsv: files it cannot read at all', () => {
  it.each([
    ['an empty file', ''],
    ['only blank lines and a BOM', '\uFEFF\r\n  \r\n'],
    ['a header without datetime', 'time,outdoor_temperature\n2024-08-13 15:05:00+02:00,30.5'],
    ['data without a header', GOOD],
  ])('throws EcowittHeaderError for %s', (_name, text) => {
    expect(() => parseEcowittCsv(text, { sensorId: SENSOR })).toThrow(EcowittHeaderError);
  });

  it('throws for an invalid sensor id, which is the caller’s bug, not the file’s', () => {
    expect(() => parseEcowittCsv(`${HEADER}\n${GOOD}`, { sensorId: 'bank am park' })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// The city's real exports, 8–16 August 2024 (kept outside the repo, see /work/shared/data/bochum/SOURCES.md).

const BOCHUM_DATA_DIR = process.env.BOCHUM_DATA_DIR ?? path.resolve(REPO_ROOT, '../shared/data/bochum');
const ECOWITT_DIR = path.join(BOCHUM_DATA_DIR, 'climate/ecowitt');
const placeholderId = (mac: string) => `climate-${mac.replace(/:/g, '').toLowerCase()}`;

function hottest(readings: ClimateReading[]): ClimateReading {
  return readings.reduce((a, b) => (b.values.airTempC > a.values.airTempC ? b : a));
}

describe.skipIf(!fs.existsSync(ECOWITT_DIR))('the real Bochum smart-bench exports', () => {
  // Loaded in beforeAll: vitest collects a skipped describe's body too, and the folder may be absent.
  let all: EcowittDirectoryResult;
  let stations: Array<{ name: string; mac: string }>;
  beforeAll(() => {
    all = loadEcowittDirectory(ECOWITT_DIR, placeholderId);
    stations = fs
      .readFileSync(path.join(ECOWITT_DIR, 'stations.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => splitCsvLine(line))
      .map(([, name, mac]) => ({ name, mac: normaliseMac(mac)! }));
  });
  const stationName = (sensorId: string) => stations.find((s) => placeholderId(s.mac) === sensorId)?.name;

  // Expected rows counted independently: `wc -l` minus the header line (no blank lines in these files).
  it.each([
    ['bochum_ecowitt_gw2001_943CC64265D3_2024-08-08.csv', 288],
    ['bochum_ecowitt_gw2001_B8D61A7ACDA3_2024-08-13.csv', 288],
    ['bochum_ecowitt_gw2001_943CC6926AC7_2024-08-13.csv', 284],
    ['bochum_ecowitt_gw2001_C4DD57CF66AB_2024-08-10.csv', 274],
    ['bochum_ecowitt_gw2001_C4DD57CF66AB_2024-08-13.csv', 264],
    ['bochum_ecowitt_gw2001_943CC645201F_2024-08-11.csv', 262],
  ])('%s has %i rows, all good', (file, expectedRows) => {
    const { readings, rows, bad } = parse(fs.readFileSync(path.join(ECOWITT_DIR, file), 'utf8'));
    expect(rows).toBe(expectedRows);
    expect(bad).toEqual([]);
    expect(readings).toHaveLength(expectedRows);
  });

  it('reads all 81 files (9 stations × 9 days), 22,979 rows, none bad', () => {
    expect(all.files).toHaveLength(81);
    expect(new Set(all.files.map((f) => f.mac)).size).toBe(9);
    expect(all.files.reduce((n, f) => n + f.rows, 0)).toBe(22_979);
    expect(all.files.flatMap((f) => f.bad)).toEqual([]);
    expect(all.files.filter((f) => f.error)).toEqual([]);
    expect(all.unknownMacs).toEqual([]);
    expect(all.readings).toHaveLength(22_979);
    for (const r of all.readings) expect(readingSchema.safeParse(r).success).toBe(true);
    // Sorted by time, stamped within the exported days (local Bochum dates).
    expect(all.readings.every((r, i) => i === 0 || all.readings[i - 1].ts <= r.ts)).toBe(true);
    expect(bochumDayKey(all.readings[0].ts)).toBe('2024-08-08');
    expect(bochumDayKey(all.readings.at(-1)!.ts)).toBe('2024-08-16');
  });

  it('finds every exporting MAC in stations.csv; 3 of its 12 stations have no exports', () => {
    const listed = new Set(stations.map((s) => s.mac));
    expect(stations).toHaveLength(12);
    expect(all.files.every((f) => listed.has(f.mac))).toBe(true);
    const silent = stations.filter((s) => !all.files.some((f) => f.mac === s.mac)).map((s) => s.name);
    expect(silent.sort()).toEqual(['Böckenberg', 'Ruhrauenpark', 'Weitmar Kuhlenkamp']);
  });

  it('peaks on 13 August 2024: 40.3 °C at Westpark at 15:05 local time', () => {
    const peak = hottest(all.readings);
    expect(peak.values.airTempC).toBe(40.3);
    expect(peak.sensorId).toBe('climate-c4dd57cf66ab');
    expect(stationName(peak.sensorId)).toBe('Westpark-WIFI66AB');
    expect(peak.ts).toBe(Date.parse('2024-08-13T15:05:00+02:00'));
    expect(bochumDayKey(peak.ts)).toBe('2024-08-13');
  });

  it('has the 38.9 °C named in SOURCES.md as the peak of Ladenzeile Rosenberg, at 15:20 local time', () => {
    const peak = hottest(all.readings.filter((r) => r.sensorId === 'climate-b8d61a7acda3'));
    expect(stationName(peak.sensorId)).toBe('Ladenzeile Rosenberg');
    expect(peak.values.airTempC).toBe(38.9);
    expect(bochumIso(peak.ts).slice(0, 16)).toBe('2024-08-13T15:20');
  });

  it('has every station’s hottest reading on 13 August', () => {
    const sensors = [...new Set(all.readings.map((r) => r.sensorId))];
    const peakDays = sensors.map((id) => bochumDayKey(hottest(all.readings.filter((r) => r.sensorId === id)).ts));
    expect(new Set(peakDays)).toEqual(new Set(['2024-08-13']));
  });
});
