import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEntry } from '../../../common/protocol.js';
import { encodeColumns, registryFingerprint } from '../../../common/wire/columns.js';
import type { ColumnsDelta, ColumnsSnapshot } from '../../../common/wire/live-messages.js';

/** The socket connectLive talks to: the test plays the server by calling the handlers it registered. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (payload?: unknown) => void>();
  const emitted: string[] = [];
  const socket = {
    on: (event: string, f: (payload?: unknown) => void) => (handlers.set(event, f), socket),
    emit: (event: string) => emitted.push(event),
    close: () => undefined,
    disconnect: () => socket,
    connect: () => socket,
  };
  return { handlers, emitted, socket, serve: (event: string, payload?: unknown) => handlers.get(event)!(payload) };
});
vi.mock('socket.io-client', () => ({ io: () => fake.socket }));

const { connectLive } = await import('./connection.js');
const { LiveStore } = await import('./live-store.js');

const ids = ['p0', 'p1'];
const indexOf = (id: string) => ids.indexOf(id);
const bay = (id: string, free: number, ts: number): LiveEntry => ({
  reading: { sensorId: id, kind: 'parking', ts, values: { freeSpaces: free, open: true } },
  derived: { kind: 'parking', capacity: 100, occupancyPct: 100 - free },
  receivedAt: ts,
});
const clock = (seq: number) => ({ seq, instance: 'i-1', serverTime: 1000 * seq, cityTime: 1000 * seq });

let stop: () => void = () => undefined;
beforeEach(() => {
  fake.handlers.clear();
  fake.emitted.length = 0;
  vi.stubGlobal('window', { setInterval: () => 0, clearInterval: () => undefined, setTimeout: () => 0, clearTimeout: () => undefined, location: { origin: 'http://localhost' } });
});
afterEach(() => {
  stop();
  vi.unstubAllGlobals();
});

async function connected() {
  const store = new LiveStore();
  stop = connectLive(store, { registry: { ids, kindOf: () => 'parking' } });
  const snapshot = {
    ...clock(1),
    scenario: null,
    tickMs: 1000,
    districts: [],
    alerts: [],
    nights: [],
    closures: [],
    columns: deflateRawSync(encodeColumns([bay('p0', 10, 1000), bay('p1', 20, 1000)], indexOf)),
    compression: 'deflate-raw',
    registry: registryFingerprint(ids),
    subscription: null,
  } as unknown as ColumnsSnapshot;
  fake.serve('snapshot:columns', snapshot);
  await vi.waitFor(() => expect(store.seq).toBe(1));
  return store;
}
const free = (store: InstanceType<typeof LiveStore>, id: string) => (store.entries.get(id)?.reading.values as { freeSpaces: number }).freeSpaces;

describe('connectLive, columnar deltas sent compressed', () => {
  it('inflates a compressed delta and applies a plain one that came while it inflated after it, in order', async () => {
    const store = await connected();
    const compressed: ColumnsDelta = { ...clock(2), columns: deflateRawSync(encodeColumns([bay('p0', 11, 2000), bay('p1', 21, 2000)], indexOf)), compression: 'deflate-raw' };
    const plain: ColumnsDelta = { ...clock(3), columns: encodeColumns([bay('p1', 22, 3000)], indexOf) };
    fake.serve('delta:columns', compressed);
    fake.serve('delta:columns', plain);
    await vi.waitFor(() => expect(store.seq).toBe(3));
    expect([free(store, 'p0'), free(store, 'p1')]).toEqual([11, 22]);
    expect(fake.emitted).not.toContain('snapshot:request');
  });

  it('drops a compressed delta still inflating when a new snapshot comes', async () => {
    const store = await connected();
    fake.serve('delta:columns', { ...clock(2), columns: deflateRawSync(encodeColumns([bay('p0', 11, 2000)], indexOf)), compression: 'deflate-raw' });
    const fresh = { ...clock(5), scenario: null, tickMs: 1000, districts: [], alerts: [], nights: [], closures: [], columns: deflateRawSync(encodeColumns([bay('p0', 50, 5000), bay('p1', 60, 5000)], indexOf)), compression: 'deflate-raw', registry: registryFingerprint(ids), subscription: null };
    fake.serve('snapshot:columns', fresh);
    await vi.waitFor(() => expect(store.seq).toBe(5));
    await new Promise((r) => setTimeout(r, 20));
    expect(free(store, 'p0')).toBe(50);
    expect(store.seq).toBe(5);
    // applied after the snapshot, the old delta would have looked like a gap
    expect(fake.emitted).not.toContain('snapshot:request');
  });

  it('asks for a snapshot when compressed columns do not inflate', async () => {
    const store = await connected();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fake.serve('delta:columns', { ...clock(2), columns: new Uint8Array([1, 2, 3, 4, 5]), compression: 'deflate-raw' });
    await vi.waitFor(() => expect(fake.emitted).toContain('snapshot:request'));
    expect(store.seq).toBe(1);
  });
});
