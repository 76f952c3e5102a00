import path from 'node:path';
import { climateSeriesSchema } from '../../common/climate-series.js';
import type { ClimateReading } from '../../common/readings.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';
import type { ClockedSource } from '../feeds/clocked-feed.js';
import { latestPerSensor, RecordedSteps } from './recorded-steps.js';

/**
 * Replays a recorded climate series (the real August 2024 heatwave) on the simulated clock:
 * each step returns the readings whose timestamps the clock has passed since the last step.
 * At the start it returns each station's latest reading up to then, so the map is complete at once.
 */
export class ClimateReplay implements ClockedSource {
  private readonly steps: RecordedSteps<ClimateReading>;

  constructor(file: string) {
    const fullPath = path.isAbsolute(file) ? file : path.join(DATA_DIR, file);
    const { start, stations } = readJsonFile(fullPath, climateSeriesSchema, 'climate series');
    const readings = stations
      .flatMap((s) =>
        s.rows.map(([minute, airTempC, relHumidityPct, windKmh, solarWm2]): ClimateReading => ({
          sensorId: s.sensorId,
          kind: 'climate',
          ts: start + minute * 60_000,
          values: { airTempC, relHumidityPct, windKmh, solarWm2 },
        })),
      )
      .sort((a, b) => a.ts - b.ts);
    this.steps = new RecordedSteps(readings, latestPerSensor);
  }

  get firstTs(): number {
    return this.steps.firstTs;
  }

  get lastTs(): number {
    return this.steps.lastTs;
  }

  step(now: number): ClimateReading[] {
    return this.steps.step(now);
  }
}
