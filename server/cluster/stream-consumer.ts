import type { RedisCommands } from './redis-commands.js';
import { parseXRead, type StreamMessage } from './stream-reply.js';

export interface ConsumerStats {
  messages: number;
  errors: number;
  lastError: string | null;
  /** id of the last message read */
  lastId: string;
}

/**
 * Reads one Redis stream from `fromId` on, in order, for as long as it runs: XREAD BLOCK on a
 * connection of its own (a blocked read would hold up every other command on a shared one).
 * After an error (Redis gone) it waits and reads on from the last id it had, so nothing still in
 * the stream is skipped.
 */
export class StreamConsumer {
  private running = false;
  private done: Promise<void> = Promise.resolve();
  readonly stats: ConsumerStats;

  constructor(
    private readonly redis: RedisCommands,
    private readonly stream: string,
    fromId: string,
    private readonly onMessages: (messages: StreamMessage[]) => void,
    private readonly o: { blockMs?: number; count?: number; retryMs?: number } = {},
  ) {
    this.stats = { messages: 0, errors: 0, lastError: null, lastId: fromId };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.done = this.loop();
  }

  /** Reads on from `id` (after a state snapshot taken at that id); a read in flight may still deliver what it has. */
  resumeFrom(id: string): void {
    this.stats.lastId = id;
  }

  /** Resolves once the read in progress has returned (at most blockMs later). */
  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private async loop(): Promise<void> {
    const blockMs = String(this.o.blockMs ?? 1000);
    const count = String(this.o.count ?? 500);
    while (this.running) {
      try {
        const reply = await this.redis.sendCommand(['XREAD', 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', this.stream, this.stats.lastId]);
        const messages = parseXRead(reply, this.stream);
        if (messages.length === 0) continue;
        this.stats.lastId = messages[messages.length - 1]!.id;
        this.stats.messages += messages.length;
        this.onMessages(messages);
      } catch (err) {
        this.stats.errors += 1;
        this.stats.lastError = err instanceof Error ? err.message : String(err);
        if (this.running) await new Promise((r) => setTimeout(r, this.o.retryMs ?? 500));
      }
    }
  }
}
