import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { EVENTS, type Delta, type Snapshot } from '../../common/protocol.js';
import { jsonPacketWithEntries } from './json-snapshot.js';

const without: Snapshot = {
  seq: 7,
  instance: 'i-1',
  serverTime: 1_750_000_000_000,
  cityTime: 1_750_000_000_500,
  scenario: null,
  run: 'run-1',
  tickMs: 1_000,
  entries: [],
  districts: [],
  alerts: [],
  // a channel holding the word "entries" and text a JSON string escapes
  nights: [{ sensorId: 'entries', night: '2024-08-13', minAirTempC: 21.4 }] as never,
  closures: [{ id: 'c "1"\n', entries: [] }] as never,
};
const entries = [
  { reading: { sensorId: 'gen-p-000001', kind: 'parking', ts: 1, values: { freeSpaces: 0, open: true } }, derived: { kind: 'parking', capacity: 1, occupancyPct: 100 }, receivedAt: 2 },
  { reading: { sensorId: 'ü "quoted"', kind: 'parking', ts: 3, values: { freeSpaces: 1, open: false } }, derived: { kind: 'parking', capacity: 1, occupancyPct: 0 }, receivedAt: 4 },
] as unknown as Snapshot['entries'];

describe('jsonPacketWithEntries', () => {
  it('is the packet socket.io writes for the snapshot object, byte for byte', () => {
    for (const list of [entries, []] as const) {
      for (const nsp of ['/', '/live']) {
        const emitted = new Encoder().encode({ type: PacketType.EVENT, nsp, data: [EVENTS.snapshot, { ...without, entries: list }] });
        expect(emitted).toHaveLength(1);
        expect(jsonPacketWithEntries(EVENTS.snapshot, without, JSON.stringify(list), nsp)).toBe(emitted[0]);
      }
    }
  });

  it('is the packet socket.io writes for a catch-up delta, byte for byte', () => {
    const { districts: _d, run: _r, tickMs: _t, instance: _i, ...rest } = without;
    const delta = { ...rest, baseSeq: 3 } as unknown as Delta;
    const emitted = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: [EVENTS.delta, { ...delta, entries }] });
    expect(jsonPacketWithEntries(EVENTS.delta, delta, JSON.stringify(entries))).toBe(emitted[0]);
  });
});
