import type { LiveEntry } from '../../common/protocol.js';
import type { RedisCommands } from './redis-commands.js';
import { parseXRange, type StreamMessage } from './stream-reply.js';

/**
 * Where an accepted reading goes beyond this node. The ingesting node has already put it into its own
 * live state (and handed it to its history); a bus carries it to the other nodes.
 */
export interface ReadingBus {
  publish(entry: LiveEntry): void;
}

/** One process: nothing beyond the live state it was applied to. */
export const LOCAL_BUS: ReadingBus = { publish() {} };

/** Readings per stream message: one XADD carries a batch, so 100,000 readings/s are a few hundred stream entries. */
export const ENTRIES_PER_MESSAGE = 500;
/** How often buffered readings go out: at most this much latency added between nodes. */
export const FLUSH_MS = 50;
/** While Redis is unreachable at most this many readings wait; beyond it the oldest are dropped (and counted). */
export const MAX_BUFFERED = 200_000;

export interface ReadingBusStats {
  published: number;
  /** readings dropped because Redis was unreachable for too long */
  dropped: number;
  buffered: number;
  publishErrors: number;
  /** readings from other nodes put into the live state */
  applied: number;
  /** readings from other nodes older than what this node already had */
  outdated: number;
  /** stream messages that were not a batch of readings of this registry (another version of Stadtpuls?) */
  malformed: number;
}

/**
 * Accepted readings through one Redis stream that every node reads. The node that ingests buffers its
 * accepted entries and adds them in batches (one XADD per ENTRIES_PER_MESSAGE, all of a flush pipelined in
 * one write), trimming the stream to about `maxLen` entries. Every node reads the stream in order and
 * applies the other nodes' batches; its own it skips, since it applied them when it accepted them.
 */
export class RedisReadingBus implements ReadingBus {
  private buffer: LiveEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | null = null;
  readonly stats: ReadingBusStats = { published: 0, dropped: 0, buffered: 0, publishErrors: 0, applied: 0, outdated: 0, malformed: 0 };

  constructor(
    private readonly redis: RedisCommands,
    private readonly o: {
      stream: string;
      /** hash of the latest entry per sensor, for nodes that join (or come back after a gap) */
      stateKey: string;
      nodeId: string;
      maxLen: number;
      /** puts another node's entry into the live state unless it is older; false when it was older */
      apply: (entry: LiveEntry) => 'applied' | 'outdated' | 'unknown';
      flushMs?: number;
    },
  ) {}

  publish(entry: LiveEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length > MAX_BUFFERED) {
      const over = this.buffer.length - MAX_BUFFERED;
      this.buffer.splice(0, over);
      this.stats.dropped += over;
    }
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.o.flushMs ?? FLUSH_MS);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Sends what is buffered (unless a send is still out, or Redis is not connected: then it waits for the next beat). */
  flush(): Promise<void> {
    this.stats.buffered = this.buffer.length;
    if (this.flushing || this.buffer.length === 0 || !this.redis.isReady) return this.flushing ?? Promise.resolve();
    const batch = this.buffer;
    this.buffer = [];
    const sends: Array<Promise<unknown>> = [];
    // The latest per sensor goes into the state hash before the stream (Redis runs one connection's
    // commands in order): a node that takes the stream's last id and then the hash (stateSnapshot) may
    // read a batch twice (harmless) but never miss one.
    const latest = new Map<string, LiveEntry>();
    for (const e of batch) latest.set(e.reading.sensorId, e);
    const fields = [...latest.values()];
    for (let i = 0; i < fields.length; i += ENTRIES_PER_MESSAGE) {
      const args = ['HSET', this.o.stateKey];
      for (const e of fields.slice(i, i + ENTRIES_PER_MESSAGE)) args.push(e.reading.sensorId, JSON.stringify(e));
      sends.push(this.redis.sendCommand(args).then(() => 0));
    }
    const hashSends = sends.length;
    for (let i = 0; i < batch.length; i += ENTRIES_PER_MESSAGE) {
      const chunk = batch.slice(i, i + ENTRIES_PER_MESSAGE);
      // Issued in one tick without awaiting each: node-redis writes them to the socket as one pipeline.
      sends.push(this.redis.sendCommand(['XADD', this.o.stream, 'MAXLEN', '~', String(this.o.maxLen), '*', 'node', this.o.nodeId, 'n', String(chunk.length), 'e', JSON.stringify(chunk)]));
    }
    this.flushing = Promise.allSettled(sends).then((all) => {
      const results = all.slice(hashSends);
      if (all.slice(0, hashSends).some((r) => r.status === 'rejected')) this.stats.publishErrors += 1;
      results.forEach((r, k) => {
        const n = Math.min(ENTRIES_PER_MESSAGE, batch.length - k * ENTRIES_PER_MESSAGE);
        if (r.status === 'fulfilled') this.stats.published += n;
        else {
          this.stats.publishErrors += 1;
          this.stats.dropped += n;
        }
      });
      this.flushing = null;
    });
    return this.flushing;
  }

  /** The consumer's handler: other nodes' batches into the live state, in stream order. */
  receive(messages: StreamMessage[]): void {
    for (const m of messages) {
      if (m.fields.node === this.o.nodeId) continue;
      const entries = parseBatch(m.fields.e);
      if (!entries) {
        this.stats.malformed += 1;
        continue;
      }
      for (const entry of entries) {
        const outcome = this.o.apply(entry);
        if (outcome === 'applied') this.stats.applied += 1;
        else if (outcome === 'outdated') this.stats.outdated += 1;
        else this.stats.malformed += 1;
      }
    }
  }
}

/** Hash fields per HSCAN page when a node takes the state: bounded replies however large the city. */
const SCAN_PAGE = 2000;

/**
 * The latest entry of every sensor as the cluster has it, and the stream id to read on from: what a
 * node applies when it joins, or when it comes back after Redis was away (the stream may have been
 * trimmed past where it stopped). The stream alone is capped, so it cannot hold a sensor that reports hourly.
 *
 * The stream's last id is taken first, then the hash page by page: every batch up to that id had its
 * hash fields written before it (flush), so the hash holds it or something newer; every later batch is
 * read again from the stream, where the live state's "not older" rule makes a second apply harmless.
 */
export async function stateSnapshot(redis: RedisCommands, stream: string, stateKey: string): Promise<{ fromId: string; entries: LiveEntry[]; malformed: number }> {
  const last = parseXRange(await redis.sendCommand(['XREVRANGE', stream, '+', '-', 'COUNT', '1']));
  const fromId = last[0]?.id ?? '0-0';
  const entries: LiveEntry[] = [];
  let malformed = 0;
  let cursor = '0';
  do {
    const [next, flat] = (await redis.sendCommand(['HSCAN', stateKey, cursor, 'COUNT', String(SCAN_PAGE)])) as [unknown, unknown];
    cursor = String(next);
    const values = Array.isArray(flat) ? flat.filter((_, i) => i % 2 === 1) : [];
    for (const v of values) {
      const parsed = parseBatch(`[${String(v)}]`);
      if (parsed) entries.push(parsed[0]!);
      else malformed += 1;
    }
  } while (cursor !== '0');
  return { fromId, entries, malformed };
}

/**
 * A batch as another node of this cluster wrote it. The nodes trust each other (one deployment, one
 * Redis), so this checks shape, not every value: the applying side checks each sensor against its registry.
 */
function parseBatch(raw: string | undefined): LiveEntry[] | null {
  if (raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    const ok = parsed.every(
      (e) => typeof e === 'object' && e !== null && typeof e.reading?.sensorId === 'string' && typeof e.reading?.ts === 'number' && typeof e.reading?.kind === 'string' && typeof e.derived === 'object',
    );
    return ok ? (parsed as LiveEntry[]) : null;
  } catch {
    return null;
  }
}
