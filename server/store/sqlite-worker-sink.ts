import { Worker } from 'node:worker_threads';
import type { HistoryWriteBatch, RetentionPolicy } from './history-store.js';
import type { HistoryBatchSink } from './history-writer.js';

export type WorkerRequest =
  | { id: number; op: 'write'; run: string; batch: HistoryWriteBatch }
  | { id: number; op: 'retention'; run: string; now: number; policy: RetentionPolicy }
  | { id: number; op: 'deleteEndedRuns'; wallNow: number; policy: RetentionPolicy; keep?: string }
  | { id: number; op: 'close' };

export type WorkerReply = { id: number; ok: true; result: unknown; busyMs: number } | { id: number; ok: false; error: string; busyMs: number };

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * The history writer's sink for SQLite: hands each batch to a worker thread that owns a writing
 * connection to the file (sqlite-write-worker.ts). A worker that dies fails its pending calls and is
 * started afresh by the next one, so a crash costs one batch's retry and never the server.
 */
export class SqliteWorkerSink implements HistoryBatchSink {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  /** time the worker spent on its last request, ms */
  lastBusyMs: number | null = null;

  constructor(private readonly file: string) {}

  write(run: string, batch: HistoryWriteBatch): Promise<void> {
    return this.call({ op: 'write', run, batch }) as Promise<void>;
  }

  applyRetention(run: string, now: number, policy: RetentionPolicy): Promise<number> {
    return this.call({ op: 'retention', run, now, policy }) as Promise<number>;
  }

  deleteEndedRuns(wallNow: number, policy: RetentionPolicy, keep?: string): Promise<string[]> {
    return this.call({ op: 'deleteEndedRuns', wallNow, policy, keep }) as Promise<string[]>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (worker === null) return;
    await this.send(worker, { op: 'close' }).catch(() => {});
    await worker.terminate();
    this.worker = null;
  }

  private call(req: Request): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('history sink is closed'));
    return this.send(this.worker ?? this.start(), req);
  }

  private send(worker: Worker, req: Request): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } as WorkerRequest);
    });
  }

  private start(): Worker {
    const entry = new URL(import.meta.url.endsWith('.ts') ? './sqlite-write-worker.ts' : './sqlite-write-worker.js', import.meta.url).href;
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { entry, file: this.file } });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return;
      this.pending.delete(reply.id);
      this.lastBusyMs = reply.busyMs;
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`history writer thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
