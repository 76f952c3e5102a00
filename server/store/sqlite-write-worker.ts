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

let staged: HistoryWriteBatch = { entries: [], samples: [], events: [] };

parentPort!.on('message', (req: WorkerRequest) => {
  if (req.op === 'stage') {
    staged.entries.push(...req.part.entries);
    staged.samples.push(...req.part.samples);
    staged.events.push(...req.part.events);
    return;
  }
  const t0 = performance.now();
  let reply: WorkerReply;
  try {
    let result: unknown = null;
    switch (req.op) {
      case 'write': {
        const batch = staged;
        staged = { entries: [], samples: [], events: [] };
        batch.entries.push(...req.batch.entries);
        batch.samples.push(...req.batch.samples);
        batch.events.push(...req.batch.events);
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
