import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readingSchema } from '../../common/readings.js';
import { loadEcowittDirectory, normaliseMac } from './ecowitt-directory.js';

describe('normaliseMac', () => {
  it.each([
    ['943CC64265D3', '94:3C:C6:42:65:D3'],
    ['943cc64265d3', '94:3C:C6:42:65:D3'],
    ['94:3c:c6:42:65:d3', '94:3C:C6:42:65:D3'],
    ['94-3C-C6-42-65-D3', '94:3C:C6:42:65:D3'],
    ['943c.c642.65d3', '94:3C:C6:42:65:D3'],
    [' C4:DD:57:CF:66:AB ', 'C4:DD:57:CF:66:AB'],
  ])('%s → %s', (text, mac) => {
    expect(normaliseMac(text)).toBe(mac);
  });

  it.each(['', '943CC64265D', '943CC64265D3A', '943CC64265DG', 'not a mac'])('refuses %j', (text) => {
    expect(normaliseMac(text)).toBeUndefined();
  });
});

describe('loadEcowittDirectory', () => {
  const HEADER = 'datetime,outdoor_temperature,outdoor_humidity,wind_wind_speed,solar_and_uvi_solar,pressure_relative';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecowitt-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  write('bochum_ecowitt_gw2001_943CC64265D3_2024-08-13.csv', `${HEADER}\n2024-08-13 15:10:00+02:00,31,40,1,500,1000\n2024-08-13 15:00:00+02:00,30,40,1,500,1000\n`);
  write('bochum_ecowitt_gw2001_943cc64265d3_2024-08-12.csv', `${HEADER}\n2024-08-12 15:05:00+02:00,29,40,1,500,1000\n2024-08-12 15:10:00+02:00,x,40,1,500,1000\n`);
  write('bochum_ecowitt_gw2001_C4DD57CF66AB_2024-08-13.csv', `${HEADER}\n2024-08-13 15:05:00+02:00,40.3,40,6,90,1000\n`);
  write('bochum_ecowitt_gw2001_B8D61A7ACDA3_2024-08-13.csv', `${HEADER}\n2024-08-13 15:05:00+02:00,38,40,6,90,1000\n`);
  write('bochum_ecowitt_gw2001_B8D61A7ACE0B_2024-08-13.csv', 'Zeit;Temperatur\n13.08.2024 15:05;38\n');
  write('stations.csv', 'id,name,mac\n1,x,94:3C:C6:42:65:D3\n');
  write('bochum_smartebaenke-wetterstation-943CC64265D3_info.json', '{}');

  const known: Record<string, string> = {
    '94:3C:C6:42:65:D3': 'climate-buschey',
    'C4:DD:57:CF:66:AB': 'climate-westpark',
    'B8:D6:1A:7A:CE:0B': 'climate-watsche',
  };
  const result = loadEcowittDirectory(dir, (mac) => known[mac]);

  it('reports every export file, by MAC and date, and ignores the other files', () => {
    expect(result.files.map((f) => [f.file, f.mac, f.sensorId, f.rows, f.accepted, f.bad.length])).toEqual([
      ['bochum_ecowitt_gw2001_943cc64265d3_2024-08-12.csv', '94:3C:C6:42:65:D3', 'climate-buschey', 2, 1, 1],
      ['bochum_ecowitt_gw2001_943CC64265D3_2024-08-13.csv', '94:3C:C6:42:65:D3', 'climate-buschey', 2, 2, 0],
      ['bochum_ecowitt_gw2001_B8D61A7ACDA3_2024-08-13.csv', 'B8:D6:1A:7A:CD:A3', null, 1, 0, 0],
      ['bochum_ecowitt_gw2001_B8D61A7ACE0B_2024-08-13.csv', 'B8:D6:1A:7A:CE:0B', 'climate-watsche', 0, 0, 0],
      ['bochum_ecowitt_gw2001_C4DD57CF66AB_2024-08-13.csv', 'C4:DD:57:CF:66:AB', 'climate-westpark', 1, 1, 0],
    ]);
  });

  it('passes on the bad rows of each file', () => {
    expect(result.files[0].bad).toEqual([{ line: 3, reason: 'non-numeric outdoor_temperature: "x"' }]);
  });

  it('reports an unknown MAC without failing, and keeps its readings out', () => {
    expect(result.unknownMacs).toEqual(['B8:D6:1A:7A:CD:A3']);
    expect(result.readings.some((r) => r.values.airTempC === 38)).toBe(false);
  });

  it('reports a file without a recognisable header instead of throwing', () => {
    expect(result.files[3].error).toMatch(/no recognisable header/);
  });

  it('returns the accepted readings of all files sorted by time', () => {
    expect(result.readings.map((r) => [r.sensorId, r.values.airTempC])).toEqual([
      ['climate-buschey', 29],
      ['climate-buschey', 30],
      ['climate-westpark', 40.3],
      ['climate-buschey', 31],
    ]);
    for (const r of result.readings) expect(readingSchema.safeParse(r).success).toBe(true);
  });
});
