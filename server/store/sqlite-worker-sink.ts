import { Worker } from 'node:worker_threads';
import type { HistoryWriteBatch, RetentionPolicy } from './history-store.js';
import type { HistoryBatchSink } from './history-writer.js';
import { nextTurn } from '../ingest/yielding.js';

export type WorkerRequest =
  /** part of the next write; the worker holds it until the `write` that completes the batch */
  | { id: number; op: 'stage'; part: HistoryWriteBatch }
  | { id: number; op: 'write'; run: string; batch: HistoryWriteBatch }
  | { id: number; op: 'retention'; run: string; now: number; policy: RetentionPolicy }
  | { id: number; op: 'deleteEndedRuns'; wallNow: number; policy: RetentionPolicy; keep?: string }
  | { id: number; op: 'ping' }
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

  /**
   * Copying a message to the worker blocks this thread, and the copy of one large message costs far
   * more than that of several small ones (5,000 entries: ≈ 60 ms; 500: ≈ 1 ms, measured), so a batch
   * travels in parts with a turn of the event loop between them, and is written in one transaction.
   */
  async write(run: string, batch: HistoryWriteBatch): Promise<void> {
    if (this.closed) throw new Error('history sink is closed');
    const parts = splitBatch(batch, STAGE_ITEMS);
    const last = parts.pop()!;
    const worker = this.worker ?? this.start();
    for (const part of parts) {
      worker.postMessage({ op: 'stage', part, id: 0 } satisfies WorkerRequest);
      await nextTurn();
    }
    // Parts staged in a thread that died are gone: fail the batch so the writer tries it again whole.
    if (this.worker !== worker) throw new Error('history writer thread restarted during a write');
    await this.send(worker, { op: 'write', run, batch: last });
  }

  /**
   * Starts the writer thread and waits until it has opened the file. Booting it (tsx, the native
   * module, migrations) takes seconds; readings accepted before it is up would wait in memory and be
   * lost to a crash, so the server opens the thread before any feed runs.
   */
  async ready(): Promise<void> {
    await this.call({ op: 'ping' });
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

/** Items per message to the worker. */
const STAGE_ITEMS = 500;

export function splitBatch(batch: HistoryWriteBatch, size: number): HistoryWriteBatch[] {
  const texts = batch.entryTexts ?? [];
  const lists = [batch.entries, texts, batch.samples, batch.events] as const;
  const items = lists.reduce((n, xs) => n + xs.length, 0);
  if (items <= size) return [batch];
  const parts: HistoryWriteBatch[] = [];
  for (let i = 0; i < items; i += size) {
    // the part's window [i, i + size) over the four lists laid end to end
    let offset = 0;
    const [entries, entryTexts, samples, events] = lists.map((xs) => {
      const part = xs.slice(Math.max(0, i - offset), Math.max(0, i + size - offset));
      offset += xs.length;
      return part;
    }) as [HistoryWriteBatch['entries'], string[], HistoryWriteBatch['samples'], HistoryWriteBatch['events']];
    parts.push({ entries, entryTexts, samples, events });
  }
  return parts;
}
