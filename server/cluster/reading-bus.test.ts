import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import type { LiveEntry } from '../../common/protocol.js';
import { MAX_BUFFERED, RedisReadingBus, stateSnapshot } from './reading-bus.js';
import type { RedisCommands } from './redis-commands.js';
import { StreamConsumer } from './stream-consumer.js';
import { parseXRead } from './stream-reply.js';
import { waitFor } from '../../tests/helpers/wait.js';

const entry = (sensorId: string, ts: number, freeSpaces: number): LiveEntry =>
  ({ reading: { sensorId, kind: 'parking', ts, values: { freeSpaces, open: true } }, derived: { kind: 'parking', occupancyPct: 50 }, receivedAt: ts }) as unknown as LiveEntry;

describe('parseXRead', () => {
  const messages = [['1-0', ['node', 'a', 'e', '[]']]];
  it.each([
    ['RESP2 array', [['s', messages]]],
    ['RESP3 map', new Map([['s', messages]])],
    ['RESP3 object', { s: messages }],
  ])('reads the messages of one stream from a %s', (_, reply) => {
    expect(parseXRead(reply, 's')).toEqual([{ id: '1-0', fields: { node: 'a', e: '[]' } }]);
    expect(parseXRead(reply, 'other')).toEqual([]);
  });
  it('reads a timeout (null) as no messages', () => expect(parseXRead(null, 's')).toEqual([]));
});

describe('RedisReadingBus without Redis', () => {
  it('keeps readings while Redis is away and drops the oldest beyond its buffer, counted', async () => {
    const sent: string[][] = [];
    const away: RedisCommands = { isReady: false, sendCommand: async (args) => sent.push(args) };
    const bus = new RedisReadingBus(away, { stream: 's', stateKey: 'h', nodeId: 'a', maxLen: 100, apply: () => 'applied' });
    for (let i = 0; i < MAX_BUFFERED + 10; i++) bus.publish(entry('p', i, 1));
    await bus.flush();
    expect(sent).toEqual([]);
    expect(bus.stats).toMatchObject({ buffered: MAX_BUFFERED, dropped: 10, published: 0 });
  });
});

const REDIS_URL = process.env.CLUSTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const clients = [0, 1, 2].map(() => createClient({ url: REDIS_URL, socket: { connectTimeout: 1500, reconnectStrategy: false } }));
for (const c of clients) c.on('error', () => {});
const redisUp = await Promise.all(clients.map((c) => c.connect())).then(
  () => true,
  () => false,
);
if (!redisUp && process.env.CI) throw new Error(`CI runs the bus against Redis, and nothing answers at ${REDIS_URL}`);
afterAll(async () => {
  if (redisUp) await Promise.all(clients.map((c) => c.close()));
});

describe.skipIf(!redisUp)('RedisReadingBus against Redis', () => {
  it("carries node a's readings in batches to node b in order; a skips its own; a joining node takes the latest per sensor and reads on from there", async () => {
    const [pub, readerA, readerB] = clients.map((c) => c as unknown as RedisCommands);
    const stream = `stadtpuls-bus-test:${process.pid}:${Date.now()}`;
    const stateKey = `${stream}:state`;
    const appliedAt: Record<string, LiveEntry[]> = { a: [], b: [] };
    const busOf = (node: 'a' | 'b') =>
      new RedisReadingBus(pub!, {
        stream,
        stateKey,
        nodeId: node,
        maxLen: 10_000,
        apply: (e) => {
          appliedAt[node]!.push(e);
          return 'applied';
        },
      });
    const a = busOf('a');
    const b = busOf('b');
    const consumerA = new StreamConsumer(readerA!, stream, '0', (m) => a.receive(m), { blockMs: 100 });
    const consumerB = new StreamConsumer(readerB!, stream, '0', (m) => b.receive(m), { blockMs: 100 });
    consumerA.start();
    consumerB.start();
    try {
      // 1,200 readings of 3 sensors: three stream entries of up to 500
      for (let i = 0; i < 1200; i++) a.publish(entry(`p${i % 3}`, 1000 + i, i));
      await a.flush();
      expect(a.stats).toMatchObject({ published: 1200, dropped: 0, publishErrors: 0 });
      expect(Number(await pub!.sendCommand(['XLEN', stream]))).toBe(3);
      await waitFor(() => appliedAt.b!.length === 1200, 'b to apply all 1,200');
      expect(appliedAt.b!.map((e) => e.reading.ts)).toEqual(Array.from({ length: 1200 }, (_, i) => 1000 + i));
      await waitFor(() => consumerA.stats.messages === 3, 'a to read its own three messages');
      expect(appliedAt.a).toEqual([]);

      const joined = await stateSnapshot(pub!, stream, stateKey);
      expect(joined.entries.map((e) => [e.reading.sensorId, e.reading.ts]).sort()).toEqual([
        ['p0', 2197],
        ['p1', 2198],
        ['p2', 2199],
      ]);
      expect(joined.fromId).toBe(consumerB.stats.lastId);
      // what comes after the snapshot is read from its id on, and nothing before it
      a.publish(entry('p0', 5000, 1));
      await a.flush();
      const late = new RedisReadingBus(pub!, { stream, stateKey, nodeId: 'c', maxLen: 10_000, apply: () => 'applied' });
      const seen: number[] = [];
      const consumerC = new StreamConsumer(readerB!, stream, joined.fromId, (m) => {
        late.receive(m);
        seen.push(...m.map((x) => Number(x.fields.n)));
      }, { blockMs: 100 });
      await consumerB.stop();
      consumerC.start();
      await waitFor(() => seen.length === 1, 'the one later message');
      await consumerC.stop();
      expect(seen).toEqual([1]);
    } finally {
      await consumerA.stop();
      await consumerB.stop();
      await pub!.sendCommand(['DEL', stream, stateKey]);
    }
  });
});
