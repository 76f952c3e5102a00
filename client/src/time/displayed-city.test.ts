import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveEntry, Snapshot } from '../../../common/protocol.js';
import { LiveStore } from '../live/live-store.js';
import { nextVersions, pastView, zeroVersions, type PastCity } from './city-view.js';
import { DisplayedCity, FETCH_DELAY_MS } from './displayed-city.js';

const parking = (sensorId: string, ts: number, freeSpaces: number): LiveEntry => ({
  reading: { sensorId, ts, kind: 'parking', values: { freeSpaces, open: true } },
  derived: { kind: 'parking', capacity: 100, occupancyPct: 100 - freeSpaces },
  receivedAt: ts,
});

const snapshot = (entries: LiveEntry[], cityTime: number): Snapshot => ({
  seq: 0,
  instance: 'i1',
  serverTime: cityTime,
  cityTime,
  scenario: null,
  tickMs: 1000,
  entries,
  districts: [],
  alerts: [],
  nights: [],
  closures: [],
});

const past = (entries: LiveEntry[]): PastCity => ({ entries, districts: [], alerts: [], closures: [] });

describe('nextVersions', () => {
  it('bumps only the kinds the live store moved', () => {
    const shown = { ...zeroVersions(), traffic: 5 };
    const seen = zeroVersions();
    const live = { ...zeroVersions(), parking: 1 };
    expect(nextVersions(shown, seen, live, false)).toEqual({ traffic: 5, climate: 0, parking: 1, charging: 0, tree: 0 });
  });

  it('bumps every kind on a switch, so no version is seen twice', () => {
    const shown = { traffic: 3, climate: 3, parking: 3, charging: 3, tree: 3 };
    expect(nextVersions(shown, shown, shown, true)).toEqual({ traffic: 4, climate: 4, parking: 4, charging: 4, tree: 4 });
  });
});

describe('pastView', () => {
  it('indexes the entries by sensor and shows the asked instant as its city time', () => {
    const v = pastView(past([parking('p1', 1000, 40)]), 5000, zeroVersions());
    expect(v.entries.get('p1')?.reading.ts).toBe(1000);
    expect(v.cityNow()).toBe(5000);
    expect(v.nights.size).toBe(0);
  });
});

describe('DisplayedCity', () => {
  let live: LiveStore;
  let fetchState: ReturnType<typeof vi.fn>;
  let city: DisplayedCity;

  beforeEach(() => {
    vi.useFakeTimers();
    live = new LiveStore();
    live.setConnected(true);
    live.applySnapshot(snapshot([parking('p1', 10_000, 10)], 10_000), 10_000);
    fetchState = vi.fn(async (at: number) => past([parking('p1', at - 1, 90)]));
    city = new DisplayedCity(live, fetchState as never);
  });
  afterEach(() => vi.useRealTimers());

  it('goes live when a scenario switch brings a snapshot of another run, not when the first snapshot names its run', async () => {
    live.applySnapshot({ ...snapshot([parking('p1', 10_000, 10)], 10_000), run: 'werktag-1' }, 10_000);
    city.showAt(5000);
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS);
    live.applySnapshot({ ...snapshot([parking('p1', 10_500, 11)], 10_500), seq: 1, run: 'werktag-1' }, 10_500);
    expect(city.wantedAt()).toBe(5000);
    live.applySnapshot({ ...snapshot([parking('p1', 2_000, 70)], 2_000), seq: 2, run: 'hitzewelle-2' }, 11_000);
    expect(city.wantedAt()).toBeNull();
    expect(city.view().entries.get('p1')?.reading.values).toMatchObject({ freeSpaces: 70 });
  });

  it('shows the live store while live, and follows its deltas', () => {
    expect(city.view().entries.get('p1')?.reading.values).toMatchObject({ freeSpaces: 10 });
    const before = { ...city.view().versions };
    live.applyDelta({ seq: 1, instance: 'i1', serverTime: 11_000, cityTime: 11_000, entries: [parking('p1', 11_000, 12)] }, 11_000);
    expect(city.view().entries.get('p1')?.reading.values).toMatchObject({ freeSpaces: 12 });
    expect(city.view().versions).toEqual({ ...before, parking: before.parking + 1 });
  });

  it('fetches the past state after a short delay and shows it; live again in one call', async () => {
    city.showAt(5000);
    expect(city.wantedAt()).toBe(5000);
    expect(city.loading()).toBe(true);
    expect(fetchState).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS);
    expect(fetchState).toHaveBeenCalledTimes(1);
    expect(city.loading()).toBe(false);
    expect(city.view().entries.get('p1')?.reading.values).toMatchObject({ freeSpaces: 90 });
    expect(city.view().cityNow()).toBe(5000);

    const pastVersion = city.view().versions.parking;
    city.showLive();
    expect(city.wantedAt()).toBeNull();
    expect(city.view().entries.get('p1')?.reading.values).toMatchObject({ freeSpaces: 10 });
    expect(city.view().versions.parking).toBeGreaterThan(pastVersion);
  });

  it('asks once per delay while dragging, then for the last instant only', async () => {
    let resolve: (() => void) | null = null;
    fetchState.mockImplementation(
      (at: number) =>
        new Promise<PastCity>((r) => {
          resolve = () => r(past([parking('p1', at, 50)]));
        }),
    );
    city.showAt(1000);
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS);
    for (const at of [2000, 3000, 4000]) city.showAt(at);
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS * 3);
    expect(fetchState).toHaveBeenCalledTimes(1); // the first answer is still out
    resolve!();
    await vi.advanceTimersByTimeAsync(0);
    expect(city.past?.at).toBe(1000);
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS);
    expect(fetchState).toHaveBeenCalledTimes(2);
    expect(fetchState.mock.calls[1][0]).toBe(4000);
    resolve!();
    await vi.advanceTimersByTimeAsync(0);
    expect(city.past?.at).toBe(4000);
    expect(city.loading()).toBe(false);
  });

  it('drops an answer that arrives after going live', async () => {
    let resolve: (() => void) | null = null;
    fetchState.mockImplementation((at: number) => new Promise<PastCity>((r) => (resolve = () => r(past([parking('p1', at, 50)])))));
    city.showAt(1000);
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS);
    city.showLive();
    resolve!();
    await vi.advanceTimersByTimeAsync(0);
    expect(city.past).toBeNull();
    expect(city.view().entries.get('p1')?.reading.values).toMatchObject({ freeSpaces: 10 });
  });

  it('keeps the last view and says why when a past state cannot be loaded', async () => {
    fetchState.mockRejectedValueOnce(new Error('at is before the run started'));
    city.showAt(1000);
    await vi.advanceTimersByTimeAsync(FETCH_DELAY_MS);
    expect(city.error).toBe('at is before the run started');
    expect(city.loading()).toBe(true);
  });
});
