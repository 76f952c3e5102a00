import path from 'node:path';
import { climateSeriesSchema } from '../../common/climate-series.js';
import type { ClimateReading } from '../../common/readings.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';
import type { ClockedSource } from '../feeds/clocked-feed.js';

/**
 * Replays a recorded climate series (the real August 2024 heatwave) on the simulated clock:
 * each step returns the readings whose timestamps the clock has passed since the last step.
 * At the start it returns each station's latest reading up to then, so the map is complete at once.
 */
export class ClimateReplay implements ClockedSource {
  private readonly readings: ClimateReading[];
  private cursor = 0;
  private last: number | null = null;

  constructor(file: string) {
    const fullPath = path.isAbsolute(file) ? file : path.join(DATA_DIR, file);
    const { start, stations } = readJsonFile(fullPath, climateSeriesSchema, 'climate series');
    this.readings = stations
      .flatMap((s) =>
        s.rows.map(([minute, airTempC, relHumidityPct, windKmh, solarWm2]): ClimateReading => ({
          sensorId: s.sensorId,
          kind: 'climate',
          ts: start + minute * 60_000,
          values: { airTempC, relHumidityPct, windKmh, solarWm2 },
        })),
      )
      .sort((a, b) => a.ts - b.ts);
  }

  get firstTs(): number {
    return this.readings[0]?.ts ?? NaN;
  }

  get lastTs(): number {
    return this.readings[this.readings.length - 1]?.ts ?? NaN;
  }

  step(now: number): ClimateReading[] {
    const out: ClimateReading[] = [];
    while (this.cursor < this.readings.length && this.readings[this.cursor].ts <= now) out.push(this.readings[this.cursor++]);
    if (this.last === null) {
      // First step: only the newest reading of each station matters for the live state.
      const latest = new Map(out.map((r) => [r.sensorId, r]));
      this.last = now;
      return [...latest.values()];
    }
    this.last = now;
    return out;
  }
}
