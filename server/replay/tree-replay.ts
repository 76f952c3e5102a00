import path from 'node:path';
import type { TreeReading } from '../../common/readings.js';
import { treeSenseSeriesSchema } from '../../common/treesense-series.js';
import type { ClockedSource } from '../feeds/clocked-feed.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';
import { RecordedSteps } from './recorded-steps.js';

/**
 * How much of the time before the start the first step hands over: soil moisture changes over days, so
 * the chart needs the days before to say anything. Below the ingest path's 48 h age limit
 * (server/ingest/time-rules.ts), so none of them is refused as too old.
 */
export const TREE_BACKFILL_MS = 47 * 3_600_000;

/** The series' rows as readings, sorted by time (one per sensor and hour, data/trees/treesense-2023-24.json). */
export function treeSenseReadings(file: string): TreeReading[] {
  const fullPath = path.isAbsolute(file) ? file : path.join(DATA_DIR, file);
  const { start, sensors } = readJsonFile(fullPath, treeSenseSeriesSchema, 'TreeSense series');
  return sensors
    .flatMap((s) =>
      s.rows.map(([minute, soilMoisturePct, sensorTempC]): TreeReading => ({
        sensorId: s.sensorId,
        kind: 'tree',
        ts: start + minute * 60_000,
        values: { soilMoisturePct, sensorTempC },
      })),
    )
    .sort((a, b) => a.ts - b.ts);
}

/**
 * Replays the street trees' recorded soil moisture (the city's TreeSense sensors, June 2023 – May 2024)
 * on the simulated clock, through the same ingest path as every feed. The first step brings the last
 * TREE_BACKFILL_MS before the start, in time order.
 */
export class TreeReplay implements ClockedSource {
  private readonly steps: RecordedSteps<TreeReading>;

  constructor(file: string) {
    this.steps = new RecordedSteps(treeSenseReadings(file), (due, now) => due.filter((r) => r.ts > now - TREE_BACKFILL_MS));
  }

  get firstTs(): number {
    return this.steps.firstTs;
  }

  get lastTs(): number {
    return this.steps.lastTs;
  }

  step(now: number): TreeReading[] {
    return this.steps.step(now);
  }
}
