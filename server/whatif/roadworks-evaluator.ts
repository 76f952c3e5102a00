import { Worker } from 'node:worker_threads';
import type { DayType } from '../../common/bochum-time.js';
import { checkPlannedLinks } from '../../common/models/traffic-sandbox.js';
import type { Network } from '../../common/models/traffic-network.js';
import type { TrafficClosure } from '../../common/protocol.js';
import type { TrafficWhatIfRequest, TrafficWhatIfResponse } from '../../common/whatif-traffic.js';

export interface RoadworksRequest {
  id: number;
  req: TrafficWhatIfRequest;
  /** the closures on record when the request came in: the worker has no closure store of its own */
  onRecord: { list: TrafficClosure[]; planned: TrafficClosure[] };
  dayType: DayType | undefined;
}
export type RoadworksReply = { id: number; ok: true; result: TrafficWhatIfResponse | null } | { id: number; ok: false; error: string };

/** Evaluations waiting beyond the one running: each costs up to ~1 s of the thread; a longer queue answers too late to help. */
export const ROADWORKS_QUEUE_LIMIT = 8;

/** The roadworks thread cannot take the request now (queue full, thread died, evaluator closed): the route answers 503. */
export class RoadworksUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoadworksUnavailableError';
  }
}

type Pending = { worker: Worker; resolve: (v: TrafficWhatIfResponse) => void; reject: (e: Error) => void };

/**
 * Planned roadworks evaluated off the event loop: one worker thread (roadworks-worker.ts), started
 * on the first request and reused; requests wait in order in its message queue. Unknown links are
 * refused here, before any message (UnknownLinkError, as from the sandbox). A thread that dies fails
 * its pending requests and is started afresh by the next one.
 */
export class RoadworksEvaluator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly net: Network,
    private readonly closures: { list(): TrafficClosure[]; planned(): TrafficClosure[] },
    private readonly dayType: () => DayType | undefined = () => undefined,
  ) {}

  /** Requests sent to the thread and not yet answered (the running one included). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Rejects with UnknownLinkError, RoadworksUnavailableError, or an Error carrying the thread's message. */
  evaluate(req: TrafficWhatIfRequest): Promise<TrafficWhatIfResponse> {
    try {
      checkPlannedLinks(this.net, req.closures);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    if (this.closed) return Promise.reject(new RoadworksUnavailableError('roadworks evaluation is shut down'));
    if (this.pending.size > ROADWORKS_QUEUE_LIMIT) return Promise.reject(new RoadworksUnavailableError(`${this.pending.size} roadworks evaluations are waiting; try again in a few seconds`));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      const msg: RoadworksRequest = { id, req, onRecord: { list: this.closures.list(), planned: this.closures.planned() }, dayType: this.dayType() };
      worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const entry = new URL(import.meta.url.endsWith('.ts') ? './roadworks-worker.ts' : './roadworks-worker.js', import.meta.url).href;
    // the boot file registers tsx inside the thread when the server runs from TypeScript
    const worker = new Worker(new URL('../store/worker-boot.mjs', import.meta.url), { workerData: { entry } });
    worker.unref();
    worker.on('message', (reply: RoadworksReply) => {
      const p = this.pending.get(reply.id);
      if (p === undefined) return; // id 0: the thread is up
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result!);
      else p.reject(new Error(reply.error));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      // only this thread's requests: a new thread may already be serving the next ones
      for (const [id, p] of this.pending) {
        if (p.worker !== worker) continue;
        this.pending.delete(id);
        p.reject(err);
      }
    };
    worker.on('error', (err) => fail(new RoadworksUnavailableError(`roadworks thread failed: ${err.message}`)));
    worker.on('exit', (code) => fail(new RoadworksUnavailableError(`roadworks thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
