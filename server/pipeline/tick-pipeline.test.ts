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
  it('hands each tick the changed entries (latest per sensor) and runs the stages in order', () => {
    const state = new LiveState();
    const order: string[] = [];
    const a = new Recorder('derive', order);
    const b = new Recorder('stream', order);
    const pipeline = new TickPipeline(state, () => 1_000, [a, b], 1000, createLogger('silent'));
    state.set(entry('p1', 1));
    state.set(entry('p1', 2));
    state.set(entry('p2', 1));
    pipeline.tick();
    expect(order).toEqual(['derive', 'stream']);
    expect(b.seen[0].entries.map((e) => [e.reading.sensorId, e.reading.ts])).toEqual([['p1', 2], ['p2', 1]]);
    expect(b.seen[0].cityTime).toBe(1_000);
    pipeline.tick();
    expect(b.seen[1].entries).toEqual([]);
  });

  it('keeps running the later stages when one throws', () => {
    const order: string[] = [];
    const stream = new Recorder('stream', order);
    const pipeline = new TickPipeline(new LiveState(), () => 0, [new Recorder('broken', order, true), stream], 1000, createLogger('silent'));
    pipeline.tick();
    pipeline.tick();
    expect(stream.seen).toHaveLength(2);
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
