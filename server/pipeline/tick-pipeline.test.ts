import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import { createLogger } from '../logger.js';
import { LiveState } from '../state/live-state.js';
import { FlaggedChannel } from '../stream/channel.js';
import type { Stage, TickContext } from './stage.js';
import { TickPipeline } from './tick-pipeline.js';

const entry = (sensorId: string, ts: number): LiveEntry => ({
  reading: { sensorId, kind: 'parking', ts, values: { freeSpaces: 10, open: true } },
  derived: { kind: 'parking', capacity: 100, occupancyPct: 90 },
  receivedAt: ts,
});

class Recorder implements Stage {
  readonly seen: TickContext[] = [];
  constructor(readonly name: string, private readonly order: string[], private readonly fail = false) {}
  tick(ctx: TickContext): void {
    this.order.push(this.name);
    this.seen.push(ctx);
    if (this.fail) throw new Error('boom');
  }
}

describe('tick pipeline', () => {
  it('hands each tick the changed entries (latest per sensor) and runs the stages in order', async () => {
    const state = new LiveState();
    const order: string[] = [];
    const a = new Recorder('derive', order);
    const b = new Recorder('stream', order);
    const pipeline = new TickPipeline(state, () => 1_000, [a, b], 1000, createLogger('silent'));
    state.set(entry('p1', 1));
    state.set(entry('p1', 2));
    state.set(entry('p2', 1));
    await pipeline.tick();
    expect(order).toEqual(['derive', 'stream']);
    expect(b.seen[0].entries.map((e) => [e.reading.sensorId, e.reading.ts])).toEqual([['p1', 2], ['p2', 1]]);
    expect(b.seen[0].cityTime).toBe(1_000);
    expect(b.seen[0].newSensors).toBe(true);
    state.set(entry('p1', 3));
    await pipeline.tick();
    expect(b.seen[1].entries.map((e) => e.reading.ts)).toEqual([3]);
    // p1 was known: nothing new to the state in this tick's changes
    expect(b.seen[1].newSensors).toBe(false);
  });

  it('keeps running the later stages when one throws', async () => {
    const order: string[] = [];
    const stream = new Recorder('stream', order);
    const pipeline = new TickPipeline(new LiveState(), () => 0, [new Recorder('broken', order, true), stream], 1000, createLogger('silent'));
    await pipeline.tick();
    await pipeline.tick();
    expect(stream.seen).toHaveLength(2);
  });

  it('lets the event loop run between two stages, and the next stage waits for one that returns a promise', async () => {
    const order: string[] = [];
    const slow: Stage = {
      name: 'slow',
      tick: async () => {
        order.push('slow start');
        await new Promise((r) => setTimeout(r, 5));
        order.push('slow end');
      },
    };
    const first: Stage = { name: 'first', tick: () => void setImmediate(() => order.push('loop turn')) };
    const last = new Recorder('last', order);
    const pipeline = new TickPipeline(new LiveState(), () => 0, [first, slow, last], 1000, createLogger('silent'));
    await pipeline.tick();
    expect(order).toEqual(['loop turn', 'slow start', 'slow end', 'last']);
  });

  it('never overlaps two ticks, and idle() waits for the one under way', async () => {
    const state = new LiveState();
    const order: string[] = [];
    let release = () => {};
    const gate: Stage = { name: 'gate', tick: () => new Promise<void>((r) => (release = () => r())) };
    const last = new Recorder('last', order);
    const pipeline = new TickPipeline(state, () => 0, [gate, last], 1000, createLogger('silent'));
    state.set(entry('p1', 1));
    const one = pipeline.tick();
    // asked while the first runs: it starts after it, with what changed meanwhile
    state.set(entry('p2', 1));
    const two = pipeline.tick();
    let idle = false;
    void pipeline.idle().then(() => (idle = true));
    await new Promise((r) => setImmediate(r));
    expect(last.seen).toHaveLength(0);
    release();
    await one;
    expect(last.seen.map((c) => c.entries.map((e) => e.reading.sensorId))).toEqual([['p1']]);
    await new Promise((r) => setImmediate(r));
    expect(idle).toBe(false);
    release();
    await two;
    await new Promise((r) => setImmediate(r));
    expect(last.seen.map((c) => c.entries.map((e) => e.reading.sensorId))).toEqual([['p1'], ['p2']]);
    expect(idle).toBe(true);
  });
});

describe('flagged channel', () => {
  it('reports a change once, and always has a snapshot', () => {
    let value = [1];
    const channel = new FlaggedChannel('alerts', () => value as never);
    expect(channel.changed()).toBeUndefined();
    channel.mark();
    value = [2];
    expect(channel.changed()).toEqual([2]);
    expect(channel.changed()).toBeUndefined();
    expect(channel.snapshot()).toEqual([2]);
  });
});
