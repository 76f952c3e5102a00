import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { SqliteHistoryStore } from './sqlite-store.js';
import type { HistoryWriteBatch } from './history-store.js';
import type { WorkerReply, WorkerRequest } from './sqlite-worker-sink.js';

/**
 * The SQLite writer thread: owns the connection that writes, so a large batch (raw rows and three
 * rollups in one transaction) blocks this thread and not the server's event loop.
 */
const store = new SqliteHistoryStore((workerData as { file: string }).file);
store.migrateSync();

const emptyBatch = (): Required<HistoryWriteBatch> => ({ entries: [], entryTexts: [], samples: [], events: [] });
let staged = emptyBatch();

/** Adds a part of a batch (at most STAGE_ITEMS of sqlite-worker-sink.ts) to what is staged. */
function stage(into: Required<HistoryWriteBatch>, part: HistoryWriteBatch): void {
  for (const e of part.entries) into.entries.push(e);
  for (const t of part.entryTexts ?? []) into.entryTexts.push(t);
  for (const s of part.samples) into.samples.push(s);
  for (const e of part.events) into.events.push(e);
}

parentPort!.on('message', (req: WorkerRequest) => {
  if (req.op === 'stage') {
    stage(staged, req.part);
    return;
  }
  const t0 = performance.now();
  let reply: WorkerReply;
  try {
    let result: unknown = null;
    switch (req.op) {
      case 'write': {
        const batch = staged;
        staged = emptyBatch();
        stage(batch, req.batch);
        store.writeSync(req.run, batch);
        break;
      }
      case 'retention':
        result = store.applyRetentionSync(req.run, req.now, req.policy);
        break;
      case 'deleteEndedRuns':
        result = store.deleteEndedRunsSync(req.wallNow, req.policy, req.keep);
        break;
      case 'ping':
        break;
      case 'close':
        void store.close();
        break;
    }
    reply = { id: req.id, ok: true, result, busyMs: performance.now() - t0 };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err), busyMs: performance.now() - t0 };
  }
  parentPort!.postMessage(reply);
  if (req.op === 'close') parentPort!.close();
});
