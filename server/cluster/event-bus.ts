import { clusterEventSchema, type ClusterEvent } from './cluster-events.js';
import type { RedisCommands } from './redis-commands.js';
import type { StreamMessage } from './stream-reply.js';

export interface EventBusStats {
  published: number;
  publishErrors: number;
  applied: number;
  /** messages that were not a valid event (logged and skipped) */
  malformed: number;
}

/**
 * Operators' changes through a second Redis stream: the node that took the request applied it and
 * adds it here; every other node applies it as it reads it. A node that joins reads the stream from
 * its start, so closures set before it came are in force on it too. Rare, so each event is sent at
 * once (queued by the client while Redis is away, sent when it is back).
 */
export class EventBus {
  readonly stats: EventBusStats = { published: 0, publishErrors: 0, applied: 0, malformed: 0 };

  constructor(
    private readonly redis: RedisCommands,
    private readonly o: { stream: string; nodeId: string; maxLen: number; apply: (event: ClusterEvent) => void; onError: (err: unknown, what: string) => void },
  ) {}

  publish(event: ClusterEvent): void {
    this.redis
      .sendCommand(['XADD', this.o.stream, 'MAXLEN', '~', String(this.o.maxLen), '*', 'node', this.o.nodeId, 'event', JSON.stringify(event)])
      .then(() => (this.stats.published += 1))
      .catch((err: unknown) => {
        this.stats.publishErrors += 1;
        this.o.onError(err, `publishing ${event.type}`);
      });
  }

  receive(messages: StreamMessage[]): void {
    for (const m of messages) {
      if (m.fields.node === this.o.nodeId) continue;
      let parsed;
      try {
        parsed = clusterEventSchema.safeParse(JSON.parse(m.fields.event ?? ''));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        this.stats.malformed += 1;
        this.o.onError(new Error(`stream message ${m.id} is not a cluster event`), 'reading events');
        continue;
      }
      try {
        this.o.apply(parsed.data);
        this.stats.applied += 1;
      } catch (err) {
        this.o.onError(err, `applying ${parsed.data.type}`);
      }
    }
  }
}
