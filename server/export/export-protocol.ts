import type { HistoryStep } from '../../common/history.js';
import type { SensorKind } from '../../common/readings.js';

/** What the CSV export thread is asked to make: a kind's history as one file (server/export/csv.ts). */
export interface CsvExportJob {
  run: string;
  kind: SensorKind;
  /** the file's sensors, in its order */
  ids: string[];
  from: number;
  to: number;
  step: HistoryStep;
}

/**
 * Main thread → export thread: a file to make, the rows it would have (the route's limit), a chunk taken (room for one
 * more), or a file no longer wanted.
 */
export type CsvExportRequest = ({ op: 'csv' | 'count'; id: number } & CsvExportJob) | { op: 'more'; id: number } | { op: 'cancel'; id: number };

/** Export thread → main thread: the next part of a file as UTF-8 bytes, its end, its rows, or why it failed. */
export type CsvExportReply = { id: number; chunk: Uint8Array } | { id: number; done: true } | { id: number; rows: number } | { id: number; error: string };

/** Chunks the thread makes ahead of what the main thread has taken: enough to keep a fast client busy, bounded for a slow one. */
export const CHUNKS_AHEAD = 2;
