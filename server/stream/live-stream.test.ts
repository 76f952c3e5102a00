import { createServer } from 'node:http';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, DropReason, LiveEntry, ServerToClientEvents, Snapshot } from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import type { ConnectionGuard } from './connection-guard.js';
import { columnsToEntries, decodeColumns, gatherBlock } from '../../common/wire/columns.js';
import type { WireBytes } from '../../common/wire/live-messages.js';
import { bytesOf } from '../../client/src/live/inflate.js';
import { LiveStream, type StadtpulsIo } from './live-stream.js';

/**
 * The stream's backpressure with a guard whose buffer reading the test sets: the outcomes a real
 * socket only shows by chance (tests/backpressure.test.ts drives a real non-reading client).
 */

const feature = (id: string, lon: number): SensorFeature => ({
  type: 'Feature',
  id,
  properties: { id, name: id, kind: 'parking', district: 'Mitte', synthetic: true, source: 'test', capacity: 100, parkingType: 'garage' },
  geometry: { type: 'Point', coordinates: [lon, 51.48] },
});
const registry = ['p0', 'p1', 'p2'].map((id, i) => feature(id, 7.2 + i * 0.01));
const entry = (id: string, free: number, ts: number): LiveEntry => ({
  reading: { sensorId: id, kind: 'parking', ts, values: { freeSpaces: free, open: true } },
  derived: { kind: 'parking', capacity: 100, occupancyPct: 100 - free },
  receivedAt: ts,
});

/** A delta's entries as [sensor, free spaces], sorted. */
const freeSpaces = (d: Delta) => d.entries.map((e) => [e.reading.sensorId, (e.reading.values as { freeSpaces: number }).freeSpaces]).sort();

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

async function setup(opts: { columns?: boolean; entriesJson?: boolean; gate?: { open: boolean }; subscription?: unknown; catchUpMaxShare?: number; catchUpSensorsPerTick?: number; compressDeltaAboveBytes?: number; deflateDelta?: (b: Uint8Array) => Promise<Uint8Array>; encodeInSlicesAboveRows?: number } = {}) {
  const http = createServer();
  const io: StadtpulsIo = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const state = new Map<string, LiveEntry>();
  let pending = 0;
  let now = 0;
  const drops: DropReason[] = [];
  let entryOfCalls = 0;
  let entriesWritten = 0;
  const indexOf = (id: string) => registry.findIndex((f) => f.id === id);
  const guard = {
    attach: () => undefined,
    pendingBytes: () => pending,
    drop: (_s: unknown, reason: DropReason) => drops.push(reason),
  } as unknown as ConnectionGuard;
  const stream = new LiveStream(io, {
    cityNow: () => 0,
    scenario: null,
    tickMs: 1000,
    entries: () => [...state.values()],
    entryOf: (id) => (entryOfCalls++, state.get(id)),
    // the live state's blocks, as a columnar live state reads them without an entry per sensor
    ...(opts.columns && {
      blocks: (take: ((index: number) => boolean) | null) => {
        const list = [...state.values()].filter((e) => !take || take(indexOf(e.reading.sensorId)));
        return list.length === 0 ? [] : [gatherBlock('parking', list, indexOf)];
      },
    }),
    // the entries as text, as a columnar live state writes them for JSON clients
    ...(opts.entriesJson && {
      // held while the gate is shut, as a long text would be written over many turns of the event loop
      entriesJsonSteps: function* (take: ((index: number) => boolean) | null) {
        entriesWritten += 1;
        while (opts.gate && !opts.gate.open) yield;
        const text = JSON.stringify([...state.values()].filter((e) => !take || take(indexOf(e.reading.sensorId))));
        return { utf8: () => Buffer.from(text) };
      },
    }),
    registry,
    channels: [],
    guard,
    backpressure: { budgetBytes: 1000, resyncAfterMs: 5000, stalledAfterMs: 30_000, catchUpMaxShare: opts.catchUpMaxShare ?? 1, catchUpSensorsPerTick: opts.catchUpSensorsPerTick },
    now: () => now,
    compressDeltaAboveBytes: opts.compressDeltaAboveBytes,
    deflateDelta: opts.deflateDelta,
    encodeInSlicesAboveRows: opts.encodeInSlicesAboveRows,
  });
  const client: ClientSocket<ServerToClientEvents, ClientToServerEvents> = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { ...(opts.columns && { format: 'columns' }), ...(opts.subscription !== undefined && { subscription: opts.subscription }) } });
  const got: Array<['snapshot', Snapshot] | ['delta', Delta]> = [];
  const compressed: boolean[] = [];
  const entriesOf = (bytes: WireBytes | undefined, compression?: string) => {
    if (!bytes) return [];
    compressed.push(compression === 'deflate-raw');
    const raw = compression === 'deflate-raw' ? inflateRawSync(bytesOf(bytes)) : bytesOf(bytes);
    return decodeColumns(raw).flatMap((c) => columnsToEntries(c, registry.map((f) => f.id)));
  };
  client.on('snapshot', (s) => got.push(['snapshot', s]));
  client.on('delta', (d) => got.push(['delta', d]));
  // the columnar messages as the JSON ones they stand for
  client.on('snapshot:columns', ({ columns: _c, ...s }) => got.push(['snapshot', { ...s, entries: [] } as unknown as Snapshot]));
  client.on('delta:columns', ({ columns, compression, ...d }) => got.push(['delta', { ...d, entries: entriesOf(columns, compression) }]));
  cleanup.push(() => {
    client.close();
    void io.close();
  });
  await until(() => got.length === 1);
  const tick = async (...changed: LiveEntry[]) => {
    for (const e of changed) state.set(e.reading.sensorId, e);
    const before = got.length;
    stream.tick({ cityTime: 0, entries: changed });
    await new Promise((r) => setTimeout(r, 30));
    return got.slice(before);
  };
  /** another client like the first, and what it got */
  const another = async () => {
    const other: ClientSocket<ServerToClientEvents, ClientToServerEvents> = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth: opts.columns ? { format: 'columns' } : {} });
    const otherGot: Array<[string, { seq: number; baseSeq?: number }]> = [];
    other.onAny((event: string, m: { seq: number; baseSeq?: number }) => otherGot.push([event, m]));
    cleanup.push(() => other.close());
    await until(() => otherGot.length === 1);
    return otherGot;
  };
  return {
    io,
    stream,
    client,
    another,
    got,
    tick,
    drops,
    compressed,
    setPending: (b: number) => (pending = b),
    entryOfCalls: () => entryOfCalls,
    /** JSON texts of entries begun (entriesJsonSteps' bodies entered) */
    entriesWritten: () => entriesWritten,
    advance: (ms: number) => (now += ms),
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('LiveStream backpressure', () => {
  it('holds deltas back above the budget and catches up with one delta of the latest values, from baseSeq', async () => {
    const t = await setup();
    expect(await t.tick(entry('p0', 10, 1))).toHaveLength(1);
    t.setPending(5000);
    expect(await t.tick(entry('p0', 11, 2), entry('p1', 20, 2))).toEqual([]);
    expect(await t.tick(entry('p0', 12, 3))).toEqual([]);
    expect(t.stream.stats()).toMatchObject({ coalesced: 1, behind: 1 });
    t.setPending(400);
    const [catchUp] = await t.tick(entry('p2', 30, 4));
    expect(catchUp[0]).toBe('delta');
    const d = catchUp[1] as Delta;
    expect(d).toMatchObject({ seq: 4, baseSeq: 1 });
    // one entry per sensor, the latest
    expect(freeSpaces(d)).toEqual([
      ['p0', 12],
      ['p1', 20],
      ['p2', 30],
    ]);
    const next = await t.tick(entry('p1', 21, 5));
    expect(next).toHaveLength(1);
    expect(next[0][1]).toMatchObject({ seq: 5 });
    expect((next[0][1] as Delta).baseSeq).toBeUndefined();
    expect(t.stream.stats()).toMatchObject({ coalesced: 1, caughtUp: 1, resynced: 0, behind: 0 });
  });

  it('catches a columnar client up from the live state\'s blocks, without an entry per sensor', async () => {
    const t = await setup({ columns: true });
    expect(await t.tick(entry('p0', 10, 1))).toHaveLength(1);
    t.setPending(5000);
    await t.tick(entry('p0', 11, 2), entry('p1', 20, 2));
    await t.tick(entry('p0', 12, 3));
    t.setPending(400);
    const [catchUp] = await t.tick(entry('p2', 30, 4));
    expect(catchUp[1]).toMatchObject({ seq: 4, baseSeq: 1 });
    expect(freeSpaces(catchUp[1] as Delta)).toEqual([
      ['p0', 12],
      ['p1', 20],
      ['p2', 30],
    ]);
    expect(t.entryOfCalls()).toBe(0);
  });

  it('sends the snapshot in place of a catch-up of more than catchUpMaxShare of the sensors in view', async () => {
    const t = await setup({ catchUpMaxShare: 0.7 });
    expect(await t.tick(entry('p0', 10, 1))).toHaveLength(1);
    t.setPending(5000);
    await t.tick(entry('p0', 11, 2), entry('p1', 20, 2));
    t.setPending(400);
    // two sensors missed: a catch-up
    expect((await t.tick())[0][1]).toMatchObject({ baseSeq: 1 });
    t.setPending(5000);
    await t.tick(entry('p0', 12, 4), entry('p1', 21, 4));
    t.setPending(400);
    // three: the snapshot
    const [resync] = await t.tick(entry('p2', 30, 5));
    expect(resync[0]).toBe('snapshot');
    expect((resync[1] as Snapshot).entries).toHaveLength(3);
    expect(t.stream.stats()).toMatchObject({ caughtUp: 1, resynced: 1 });
  });

  it.each([
    ['at once', undefined],
    ['in steps (more entries than encodeInSlicesAboveRows)', 2],
  ])('catches a JSON client up with the entries written as text, without an entry object per sensor: %s', async (_, encodeInSlicesAboveRows) => {
    const t = await setup({ entriesJson: true, encodeInSlicesAboveRows });
    expect(await t.tick(entry('p0', 10, 1))).toHaveLength(1);
    t.setPending(5000);
    await t.tick(entry('p0', 11, 2), entry('p1', 20, 2));
    t.setPending(400);
    const [catchUp] = await t.tick(entry('p2', 30, 3));
    expect(catchUp[1]).toMatchObject({ seq: 3, baseSeq: 1 });
    expect(freeSpaces(catchUp[1] as Delta)).toEqual([
      ['p0', 11],
      ['p1', 20],
      ['p2', 30],
    ]);
    expect(t.entryOfCalls()).toBe(0);
    expect(await t.tick(entry('p1', 21, 4))).toEqual([['delta', expect.objectContaining({ seq: 4, entries: [expect.anything()] })]]);
  });

  it('measures a subscribed client\'s catch-up by the sensors of its view: changes elsewhere are not missed', async () => {
    // p0 alone is in this view: the others changing while it is behind leave nothing to catch up
    const t = await setup({ subscription: { kinds: ['parking'], bbox: [7.195, 51.47, 7.199, 51.49] }, catchUpMaxShare: 0.5 });
    t.setPending(5000);
    await t.tick(entry('p1', 20, 1), entry('p2', 30, 1));
    t.setPending(0);
    const [catchUp] = await t.tick(entry('p1', 21, 2));
    expect(catchUp[0]).toBe('delta');
    expect(catchUp[1]).toMatchObject({ baseSeq: 0, entries: [] });
    expect(t.stream.stats()).toMatchObject({ caughtUp: 1, resynced: 0 });
  });

  it.each([['JSON', false], ['columnar', true]])('builds one catch-up for %s clients that fell behind and read in the same ticks, beyond the allowance', async (_, columns) => {
    const t = await setup({ columns, entriesJson: true, catchUpSensorsPerTick: 1 });
    const other = await t.another();
    t.setPending(5000);
    await t.tick(entry('p0', 1, 1), entry('p1', 2, 1));
    t.setPending(0);
    const before = t.got.length;
    await t.tick();
    await until(() => other.length === 2 && t.got.length === before + 1);
    expect(t.got[before][1]).toMatchObject({ seq: 2, baseSeq: 0 });
    expect(other[1][1]).toMatchObject({ seq: 2, baseSeq: 0 });
    expect(t.stream.stats()).toMatchObject({ caughtUp: 2, behind: 0 });
  });

  it('a client that fell behind reading its snapshot is caught up however long that took; one that fell behind the deltas is resynced', async () => {
    const t = await setup();
    // behind from the first tick after its snapshot: it is reading the snapshot
    t.setPending(5000);
    await t.tick(entry('p0', 1, 1));
    t.advance(8000);
    t.setPending(0);
    const [caughtUp] = await t.tick(entry('p1', 2, 2));
    expect(caughtUp[1]).toMatchObject({ seq: 2, baseSeq: 0 });
    // live for a while, then behind the deltas as long: a snapshot
    await t.tick();
    await t.tick();
    t.setPending(5000);
    await t.tick(entry('p2', 3, 5));
    t.advance(8000);
    t.setPending(0);
    const [resync] = await t.tick();
    expect(resync[0]).toBe('snapshot');
    expect(t.stream.stats()).toMatchObject({ caughtUp: 1, resynced: 1 });
  });

  it('waits until half the budget is free, resyncs with a snapshot after resyncAfterMs, drops as stalled after stalledAfterMs', async () => {
    const t = await setup();
    await t.tick();
    await t.tick();
    t.setPending(5000);
    await t.tick(entry('p0', 1, 1));
    t.setPending(800); // under the budget, but not half of it: still behind
    expect(await t.tick()).toEqual([]);
    t.advance(6000);
    t.setPending(0);
    const [resync] = await t.tick(entry('p1', 2, 2));
    expect(resync[0]).toBe('snapshot');
    expect((resync[1] as Snapshot).seq).toBe(5);
    expect((resync[1] as Snapshot).entries).toHaveLength(2);
    expect(await t.tick()).toHaveLength(1);

    t.setPending(5000);
    await t.tick();
    t.advance(31_000);
    await t.tick();
    expect(t.drops).toEqual(['stalled']);
    expect(t.stream.stats()).toMatchObject({ coalesced: 2, resynced: 1, disconnected: 1, behind: 0 });
  });

  it('a snapshot asked for while behind comes when the client has read', async () => {
    const t = await setup();
    t.setPending(5000);
    await t.tick(entry('p0', 1, 1));
    const before = t.got.length;
    t.client.emit('snapshot:request');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.got.length).toBe(before);
    t.setPending(0);
    const [answer] = await t.tick();
    expect(answer[0]).toBe('snapshot');
    expect(t.stream.stats()).toMatchObject({ resynced: 1, caughtUp: 0 });
  });
});

describe('LiveStream JSON snapshots of a large view', () => {
  it('are written in steps, and the next delta waits for them', async () => {
    const gate = { open: true };
    // three sensors in view, more than encodeInSlicesAboveRows: written in steps
    const t = await setup({ entriesJson: true, gate, encodeInSlicesAboveRows: 2 });
    expect(t.got[0][0]).toBe('snapshot');
    await t.tick(entry('p0', 1, 1), entry('p1', 2, 1), entry('p2', 3, 1));
    gate.open = false;
    t.client.emit('snapshot:request');
    await new Promise((r) => setTimeout(r, 50));
    const before = t.got.length;
    const ticking = t.stream.tick({ cityTime: 0, entries: [entry('p0', 5, 2)] });
    expect(ticking).toBeInstanceOf(Promise);
    await new Promise((r) => setTimeout(r, 50));
    // the snapshot is still being written: no delta overtook it
    expect(t.got.length).toBe(before);
    gate.open = true;
    await ticking;
    await until(() => t.got.length === before + 2);
    const [[kind, snapshot], [next, delta]] = t.got.slice(before);
    expect([kind, snapshot.seq, next, delta.seq]).toEqual(['snapshot', 1, 'delta', 2]);
    expect((snapshot as Snapshot).entries).toHaveLength(3);
  });

  it('are begun on a later turn than the connection that asks, so clients joining together are not one long turn', async () => {
    const t = await setup({ entriesJson: true, encodeInSlicesAboveRows: 2 });
    await t.tick(entry('p0', 1, 1), entry('p1', 2, 1), entry('p2', 3, 1));
    const begunBefore = t.entriesWritten();
    // socket.io calls the connection listeners in turn: this one right after the stream's own
    const begunWhenConnected: number[] = [];
    t.io.on('connection', () => begunWhenConnected.push(t.entriesWritten() - begunBefore));
    const got = await t.another();
    expect(got[0]).toEqual(['snapshot', expect.objectContaining({ seq: 1 })]);
    expect(begunWhenConnected).toEqual([0]);
    expect(t.entriesWritten() - begunBefore).toBe(1);
  });
});

describe('LiveStream resync (a scenario switch)', () => {
  it('sends every client a snapshot in place of the next delta, then deltas from its seq', async () => {
    const t = await setup();
    expect((await t.tick(entry('p0', 1, 1)))[0][0]).toBe('delta');
    t.stream.resync();
    const [fresh, ...rest] = await t.tick(entry('p1', 2, 2));
    expect(rest).toEqual([]);
    expect(fresh[0]).toBe('snapshot');
    expect(fresh[1]).toMatchObject({ seq: 2 });
    expect((fresh[1] as Snapshot).entries.map((e) => e.reading.sensorId).sort()).toEqual(['p0', 'p1']);
    const [next] = await t.tick();
    expect(next).toEqual(['delta', expect.objectContaining({ seq: 3 })]);
  });

  it('a client behind its budget gets the snapshot when it has read', async () => {
    const t = await setup();
    t.setPending(5000);
    await t.tick(entry('p0', 1, 1));
    t.stream.resync();
    expect(await t.tick(entry('p1', 2, 2))).toEqual([]);
    t.setPending(0);
    const [answer] = await t.tick();
    expect(answer[0]).toBe('snapshot');
    expect((answer[1] as Snapshot).entries).toHaveLength(2);
  });
});

describe('LiveStream columnar deltas over the compression threshold', () => {
  it('sends them deflated, with the same entries, and the small ones as they are', async () => {
    // three entries encode to 91 bytes, one to 79: a threshold of 85 compresses the first delta, not the second
    const t = await setup({ columns: true, compressDeltaAboveBytes: 85 });
    const [[, big]] = await t.tick(entry('p0', 10, 1), entry('p1', 20, 1), entry('p2', 30, 1));
    const [[, small]] = await t.tick(entry('p1', 21, 2));
    expect(t.compressed).toEqual([true, false]);
    expect((big as Delta).entries.map((e) => [e.reading.sensorId, (e.reading.values as { freeSpaces: number }).freeSpaces])).toEqual([
      ['p0', 10],
      ['p1', 20],
      ['p2', 30],
    ]);
    expect((small as Delta).entries).toHaveLength(1);
  });

  it('compresses off the loop: a snapshot asked for meanwhile comes after the delta of its sequence number', async () => {
    let release = () => {};
    const held = (b: Uint8Array) => new Promise<Uint8Array>((resolve) => (release = () => resolve(deflateRawSync(b))));
    const t = await setup({ columns: true, compressDeltaAboveBytes: 85, deflateDelta: held });
    const before = t.got.length;
    expect(await t.tick(entry('p0', 10, 1), entry('p1', 20, 1), entry('p2', 30, 1))).toEqual([]);
    t.client.emit('snapshot:request');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.got.length).toBe(before); // the snapshot waits for the delta being compressed
    release();
    await until(() => t.got.length === before + 2);
    const [delta, snapshot] = t.got.slice(before);
    expect(delta[0]).toBe('delta');
    expect(snapshot[0]).toBe('snapshot');
    expect(snapshot[1].seq).toBe(delta[1].seq);
    expect(t.compressed).toEqual([true]);
  });

  it('writes a delta of more rows than encodeInSlicesAboveRows in slices, off the tick (a promise the pipeline waits for), with the same entries', async () => {
    const t = await setup({ columns: true, encodeInSlicesAboveRows: 2 });
    const before = t.got.length;
    const small = t.stream.tick({ cityTime: 0, entries: [entry('p1', 20, 1)] });
    // at or below the threshold, uncompressed: sent within the tick
    expect(small).toBeUndefined();
    const sliced = t.stream.tick({ cityTime: 0, entries: [entry('p0', 10, 2), entry('p1', 21, 2), entry('p2', 30, 2)] });
    expect(sliced).toBeInstanceOf(Promise);
    await sliced;
    await until(() => t.got.length === before + 2);
    const [[, first], [, second]] = t.got.slice(before);
    expect((second as Delta).seq).toBe((first as Delta).seq + 1);
    expect((second as Delta).entries.map((e) => [e.reading.sensorId, (e.reading.values as { freeSpaces: number }).freeSpaces])).toEqual([
      ['p0', 10],
      ['p1', 21],
      ['p2', 30],
    ]);
    expect(t.compressed).toEqual([false, false]);
  });

  it('writes a delta of more rows than encodeInSlicesAboveRows in slices and compressed: a snapshot asked for meanwhile comes after it', async () => {
    let release = () => {};
    const held = (b: Uint8Array) => new Promise<Uint8Array>((resolve) => (release = () => resolve(deflateRawSync(b))));
    const t = await setup({ columns: true, compressDeltaAboveBytes: 85, deflateDelta: held, encodeInSlicesAboveRows: 2 });
    const before = t.got.length;
    const sending = t.stream.tick({ cityTime: 0, entries: [entry('p0', 10, 1), entry('p1', 20, 1), entry('p2', 30, 1)] });
    t.client.emit('snapshot:request');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.got.length).toBe(before);
    release();
    await sending;
    await t.tick(entry('p1', 21, 2));
    await until(() => t.got.length === before + 3);
    const [delta, snapshot, [, small]] = t.got.slice(before);
    expect(delta[0]).toBe('delta');
    expect((delta[1] as Delta).entries.map((e) => [e.reading.sensorId, (e.reading.values as { freeSpaces: number }).freeSpaces])).toEqual([
      ['p0', 10],
      ['p1', 20],
      ['p2', 30],
    ]);
    expect(snapshot[0]).toBe('snapshot');
    expect(snapshot[1].seq).toBe(delta[1].seq);
    expect(small).toMatchObject({ seq: delta[1].seq + 1 });
    expect(t.compressed).toEqual([true, false]);
  });

  it('sends nothing compressed at the default threshold for a small city', async () => {
    const t = await setup({ columns: true });
    await t.tick(entry('p0', 10, 1), entry('p1', 20, 1), entry('p2', 30, 1));
    expect(t.compressed).toEqual([false]);
  });
});
