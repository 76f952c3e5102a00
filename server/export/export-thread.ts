import { Worker } from 'node:worker_threads';
import type { CsvExportJob, ExportReply, ExportRequest, ExportThreadData, GeoJsonExportJob } from './export-protocol.js';

type Message = { chunk: Uint8Array } | { done: true } | { rows: number } | { error: string };

/** One request's replies, taken in order as they come (or the thread's failure). */
class Inbox {
  private readonly queue: Message[] = [];
  private waiting: ((m: Message) => void) | null = null;

  put(m: Message): void {
    if (this.waiting) {
      const take = this.waiting;
      this.waiting = null;
      take(m);
    } else this.queue.push(m);
  }

  next(): Promise<Message> {
    const m = this.queue.shift();
    return m ? Promise.resolve(m) : new Promise((resolve) => (this.waiting = resolve));
  }
}

/**
 * The main thread's side of the export thread (export-worker.ts) for a SQLite store: a file's bytes as an async list
 * of chunks, each asked for when the one before was taken, so a slow client holds the thread back rather than filling
 * memory. The thread starts with the first export and is started again after it failed.
 */
export class ExportThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly inboxes = new Map<number, { worker: Worker; inbox: Inbox }>();
  private closed = false;
  private stoppedFiles = 0;

  /** `data`: the store's file and how the server made its registry (the GeoJSON export makes the same in the thread). */
  constructor(private readonly data: ExportThreadData) {}

  /** The rows a CSV file would have (one per sensor per point), counted in the thread. */
  async rows(job: CsvExportJob): Promise<number> {
    const { id, worker, inbox } = this.open();
    worker.postMessage({ op: 'count', id, ...job } satisfies ExportRequest);
    try {
      const m = await inbox.next();
      if ('rows' in m) return m.rows;
      throw new Error(`export count failed: ${'error' in m ? m.error : 'unexpected reply'}`);
    } finally {
      this.inboxes.delete(id);
    }
  }

  /** The CSV file's UTF-8 bytes in chunks; stopping early (a client that went away) tells the thread to stop making it. */
  csv(job: CsvExportJob): AsyncGenerator<Uint8Array> {
    return this.file({ op: 'csv', ...job });
  }

  /** The GeoJSON file's UTF-8 bytes in chunks, as `csv`. */
  geojson(job: GeoJsonExportJob): AsyncGenerator<Uint8Array> {
    return this.file({ op: 'geojson', ...job });
  }

  /** Requests under way now (a test's view). */
  get active(): number {
    return this.inboxes.size;
  }

  /** Files the thread stopped making because they were no longer taken (it says so when it stopped). */
  get stopped(): number {
    return this.stoppedFiles;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private async *file(req: ({ op: 'csv' } & CsvExportJob) | ({ op: 'geojson' } & GeoJsonExportJob)): AsyncGenerator<Uint8Array> {
    const { id, worker, inbox } = this.open();
    const post = (r: ExportRequest) => worker.postMessage(r);
    post({ ...req, id });
    let ended = false;
    try {
      for (;;) {
        const m = await inbox.next();
        if ('chunk' in m) {
          yield m.chunk;
          post({ op: 'more', id });
        } else {
          ended = true;
          if ('done' in m) return;
          throw new Error(`${req.op} export failed: ${'error' in m ? m.error : 'unexpected reply'}`);
        }
      }
    } finally {
      this.inboxes.delete(id);
      if (!ended) post({ op: 'cancel', id });
    }
  }

  /** A new request's id and inbox, on the running thread (started if need be). */
  private open(): { id: number; worker: Worker; inbox: Inbox } {
    if (this.closed) throw new Error('the export thread is shut down');
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const inbox = new Inbox();
    this.inboxes.set(id, { worker, inbox });
    return { id, worker, inbox };
  }

  private start(): Worker {
    const entry = new URL(import.meta.url.endsWith('.ts') ? './export-worker.ts' : './export-worker.js', import.meta.url).href;
    // the boot file registers tsx inside the thread when the server runs from TypeScript
    const worker = new Worker(new URL('../store/worker-boot.mjs', import.meta.url), { workerData: { entry, ...this.data } });
    worker.unref();
    worker.on('message', (reply: ExportReply) => {
      // a file's inbox is gone once it was given up: the thread's word that it stopped comes after
      if ('stopped' in reply) this.stoppedFiles += 1;
      else this.inboxes.get(reply.id)?.inbox.put(reply);
    });
    const fail = (reason: string) => {
      if (this.worker === worker) this.worker = null;
      for (const { worker: w, inbox } of this.inboxes.values()) if (w === worker) inbox.put({ error: reason });
    };
    worker.on('error', (err) => fail(`the thread failed: ${err.message}`));
    worker.on('exit', (code) => fail(`the thread exited (code ${code})`));
    this.worker = worker;
    return worker;
  }
}
