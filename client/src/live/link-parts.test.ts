import { describe, expect, it } from 'vitest';
import type { Delta, LiveEntry, Snapshot } from '../../../common/protocol.js';
import { DisplayedCity } from '../time/displayed-city.js';
import { LiveStore } from './live-store.js';
import { cursorParts, linkParts } from './link-parts.js';
import { sameParts } from './use-parts.js';

const parking = (sensorId: string, ts: number, freeSpaces: number): LiveEntry => ({
  reading: { sensorId, ts, kind: 'parking', values: { freeSpaces, open: true } },
  derived: { kind: 'parking', capacity: 100, occupancyPct: 100 - freeSpaces },
  receivedAt: ts,
});
const snapshot: Snapshot = { seq: 0, instance: 'i1', serverTime: 0, cityTime: 0, scenario: null, tickMs: 1000, entries: [parking('p1', 0, 5)], districts: [], alerts: [], nights: [], closures: [] };
const delta = (seq: number): Delta => ({ seq, instance: 'i1', serverTime: seq * 1000, cityTime: seq * 10_000, entries: [parking('p1', seq * 10_000, seq)], kpis: undefined });

describe('linkParts and cursorParts', () => {
  it('stay the same through deltas of data and city time, and move with the link state and the cursor', () => {
    const store = new LiveStore();
    const shown = new DisplayedCity(store, () => new Promise(() => {}));
    store.setConnected(true);
    store.applySnapshot(snapshot, 0);
    const link = linkParts(store);
    const cursor = cursorParts(shown);
    for (let seq = 1; seq <= 3; seq++) expect(store.applyDelta(delta(seq), seq * 1000)).toBe(true);
    expect(sameParts(linkParts(store), link)).toBe(true);
    expect(sameParts(cursorParts(shown), cursor)).toBe(true);
    // a link gone quiet is shown at once
    store.refreshStatus(60_000);
    expect(store.status).toBe('stale');
    expect(sameParts(linkParts(store), link)).toBe(false);
    shown.showAt(5_000);
    expect(sameParts(cursorParts(shown), cursor)).toBe(false);
  });
});
