import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeSenseSeriesSchema } from '../../common/treesense-series.js';
import { readJsonFile } from '../../server/json-file.js';
import { DATA_DIR } from '../../server/paths.js';

const series = readJsonFile(path.join(DATA_DIR, 'trees/treesense-2023-24.json'), treeSenseSeriesSchema, 'TreeSense series');

describe('TreeSense series (data/trees/treesense-2023-24.json)', () => {
  it('holds the five tree sensors of the city, inside Bochum, with unique ids and DevEUIs', () => {
    expect(series.sensors.map((s) => s.sensorId)).toEqual(['tree-linde-1', 'tree-linde-2', 'tree-linde-3', 'tree-esche-4', 'tree-spitzahorn-5']);
    expect(new Set(series.sensors.map((s) => s.devEui)).size).toBe(5);
    for (const s of series.sensors) {
      expect(s.lon).toBeGreaterThan(7.1);
      expect(s.lon).toBeLessThan(7.35);
      expect(s.lat).toBeGreaterThan(51.4);
      expect(s.lat).toBeLessThan(51.54);
    }
  });

  it('has at most one row per hour per sensor, in time order, from June 2023 to May 2024', () => {
    expect(new Date(series.start).toISOString()).toBe('2023-06-14T08:00:00.000Z');
    for (const s of series.sensors) {
      const hours = s.rows.map(([minute]) => Math.floor(minute / 60));
      for (let i = 1; i < hours.length; i++) expect(hours[i]).toBeGreaterThan(hours[i - 1]);
      const last = series.start + s.rows[s.rows.length - 1][0] * 60_000;
      expect(new Date(last).toISOString().slice(0, 10)).toBe('2024-05-31');
    }
    // the three sensors installed in June 2023 report nearly every hour of the ~8,400 to the end of May 2024
    const long = series.sensors.filter((s) => s.rows.length > 7_000).map((s) => s.sensorId);
    expect(long).toEqual(['tree-linde-1', 'tree-esche-4', 'tree-spitzahorn-5']);
  });
});
