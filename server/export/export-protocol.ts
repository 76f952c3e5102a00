import type { HistoryStep } from '../../common/history.js';
import type { SensorKind } from '../../common/readings.js';

/** A kind's history as one CSV file (server/export/csv.ts). */
export interface CsvExportJob {
  run: string;
  kind: SensorKind;
  /** the file's sensors, in its order */
  ids: string[];
  from: number;
  to: number;
  step: HistoryStep;
}

/** A kind's sensors with their state at `at` as GeoJSON (server/export/geojson.ts). */
export interface GeoJsonExportJob {
  run: string;
  kind: SensorKind;
  /** the sensors asked for, known sensors of the kind (the route checked them); null: all of the kind */
  ids: string[] | null;
  at: number;
}

/** How the export thread makes the registry the main thread has: the same file and the same generated sensors. */
export interface ExportThreadData {
  file: string;
  scale: { sensors: number; seed: number };
}

/**
 * Main thread → export thread: a file to make, the rows a CSV file would have (the route's limit), a chunk taken
 * (room for one more), or a file no longer wanted.
 */
export type ExportRequest =
  | ({ op: 'csv' | 'count'; id: number } & CsvExportJob)
  | ({ op: 'geojson'; id: number } & GeoJsonExportJob)
  | { op: 'more'; id: number }
  | { op: 'cancel'; id: number };

/** Export thread → main thread: the next part of a file as UTF-8 bytes, its end, its rows, why it failed, or that it stopped making a file no longer wanted. */
export type ExportReply = { id: number; chunk: Uint8Array } | { id: number; done: true } | { id: number; rows: number } | { id: number; error: string } | { id: number; stopped: true };

/**
 * Sensors an export reads together, in one read transaction of SQLite (in the thread and on the loop alike): in the
 * climate kind's file at SCALE a sensor's series took 25 µs to read and its count 3 µs (medians), so a batch is a few ms.
 */
export const SENSORS_PER_READ = 200;

/** Chunks the thread makes ahead of what the main thread has taken: enough to keep a fast client busy, bounded for a slow one. */
export const CHUNKS_AHEAD = 2;
