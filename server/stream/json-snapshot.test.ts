import { Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { EVENTS, type Delta, type Snapshot } from '../../common/protocol.js';
import { runSteps } from '../../common/steps.js';
import { jsonPacketSteps, type EntriesJson } from './json-snapshot.js';

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

/** The packet, the entries' bytes handed over as LiveState.entriesJsonSteps does, after a step of their own. */
function jsonPacket(event: typeof EVENTS.snapshot | typeof EVENTS.delta, message: Snapshot | Delta, list: unknown, nsp?: string) {
  const entries = function* (): Generator<void, EntriesJson, void> {
    yield;
    return { utf8: () => Buffer.from(JSON.stringify(list)) };
  };
  return runSteps(jsonPacketSteps(event, () => message, entries(), nsp));
}

describe('jsonPacketSteps', () => {
  it('is the packet socket.io writes for the snapshot object, byte for byte, and engine.io\'s message of it in UTF-8', () => {
    for (const list of [entries, []] as const) {
      for (const nsp of ['/', '/live']) {
        const emitted = new Encoder().encode({ type: PacketType.EVENT, nsp, data: [EVENTS.snapshot, { ...without, entries: list }] });
        expect(emitted).toHaveLength(1);
        const packet = jsonPacket(EVENTS.snapshot, without, list, nsp);
        expect(packet.text()).toBe(emitted[0]);
        // "4" is engine.io's message; the entries hold a "ü", two bytes in UTF-8
        expect(packet.utf8Message.equals(Buffer.from(`4${emitted[0] as string}`, 'utf8'))).toBe(true);
      }
    }
  });

  it('is the packet socket.io writes for a catch-up delta, byte for byte', () => {
    const { districts: _d, run: _r, tickMs: _t, instance: _i, ...rest } = without;
    const delta = { ...rest, baseSeq: 3 } as unknown as Delta;
    const emitted = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: [EVENTS.delta, { ...delta, entries }] });
    const packet = jsonPacket(EVENTS.delta, delta, entries);
    expect(packet.text()).toBe(emitted[0]);
    expect(packet.utf8Message.toString('utf8')).toBe(`4${emitted[0] as string}`);
  });

  it('copies entries of megabytes into the message a megabyte a step', () => {
    const many = Array.from({ length: 15_000 }, (_, i) => ({ ...entries[0], reading: { ...entries[0].reading, sensorId: `gen-p-${i}` } }));
    const steps = jsonPacketSteps(EVENTS.snapshot, () => without, (function* (): Generator<void, EntriesJson, void> {
      return { utf8: () => Buffer.from(JSON.stringify(many)) };
    })());
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields += 1;
    const emitted = new Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: [EVENTS.snapshot, { ...without, entries: many }] });
    expect((emitted[0] as string).length).toBeGreaterThan(2.5 * 2 ** 20);
    // one after the other parts, one after their text, then one per megabyte copied but the last
    expect(yields).toBe(4);
    expect(step.value.utf8Message.equals(Buffer.from(`4${emitted[0] as string}`))).toBe(true);
  });

  it('makes the parts besides the entries, then their text, as steps of their own, before the entries are begun', () => {
    let made = 0;
    let begun = false;
    const steps = jsonPacketSteps(EVENTS.snapshot, () => (made++, without), (function* (): Generator<void, EntriesJson, void> {
      begun = true;
      return { utf8: () => Buffer.from(JSON.stringify(entries)) };
    })());
    expect(made).toBe(0);
    expect(steps.next().done).toBe(false);
    expect([made, begun]).toEqual([1, false]);
    expect(steps.next().done).toBe(false);
    expect([made, begun]).toEqual([1, false]);
    expect(steps.next().done).toBe(true);
    expect([made, begun]).toEqual([1, true]);
  });
});
