import { describe, expect, it } from 'vitest';
import type { KindVersions } from '../live/live-store.js';
import { VersionedStore } from '../live/versioned-store.js';
import type { CityView } from '../time/city-view.js';
import type { LayerVisibility } from '../url/url-state.js';
import { drawKey, RedrawGate } from './redraw-key.js';

describe('RedrawGate', () => {
  it('lets every change through without an interval', () => {
    const g = new RedrawGate();
    const a = g.key('view', 'v1', 0, 0);
    expect(g.key('view', 'v2', 0, 1)).not.toBe(a);
  });

  it('draws new data at most every interval, and what was held back once it has passed', () => {
    const g = new RedrawGate();
    const first = g.key('view', 'v1', 3000, 10_000); // the first data draws at once
    expect(g.key('view', 'v2', 3000, 11_000)).toBe(first);
    expect(g.key('view', 'v3', 3000, 12_999)).toBe(first);
    const later = g.key('view', 'v3', 3000, 13_000);
    expect(later).not.toBe(first);
    expect(later).toContain('v3');
    expect(g.key('view', 'v4', 3000, 14_000)).toBe(later);
  });

  it('draws the first data after a map drawn empty at once (the snapshot), and holds back what follows', () => {
    const g = new RedrawGate();
    const empty = g.key('view', 'v0', 3000, 10_000, true); // the page's first frame, before the snapshot
    const snapshot = g.key('view', 'v1', 3000, 10_200);
    expect(snapshot).not.toBe(empty);
    expect(snapshot).toContain('v1');
    expect(g.key('view', 'v2', 3000, 11_000)).toBe(snapshot);
  });

  it('draws a change of what is shown (a zoom) at once, with the data as it is then', () => {
    const g = new RedrawGate();
    g.key('z10', 'v1', 3000, 0);
    expect(g.key('z10', 'v2', 3000, 500)).toBe('z10#v1');
    expect(g.key('z11', 'v2', 3000, 600)).toBe('z11#v2');
    // and the interval for data counts from that draw
    expect(g.key('z11', 'v3', 3000, 700)).toBe('z11#v2');
  });
});

/** A store that, like the what-if and the places, notifies both for its own changes and for new data it follows. */
class FollowingStore extends VersionedStore {
  edit() {
    this.notify();
  }
  dataArrived() {
    this.notifyFollowing();
  }
}

describe('drawKey with the what-if and places stores', () => {
  const view = (columnsOnlyCount: number) => ({ columns: { columnsOnlyCount, onlyHereVersions: {} } }) as unknown as CityView;
  const keyOf = (v: CityView, stores: FollowingStore[], dataVersion: number, surfaces = 0) =>
    drawKey({ view: v, versions: { climate: dataVersion } as unknown as KindVersions, visible: { climate: true } as LayerVisibility, wall: false, stores, heatMode: 'absolute', freshnessKey: 0, zoom: 12, surfaces });

  it('stays put while nothing changes, though a what-if store is there (it used to redraw every frame)', () => {
    const v = view(0);
    const whatIf = new FollowingStore();
    const a = keyOf(v, [whatIf], 1);
    expect(keyOf(v, [whatIf], 1)).toBe(a);
  });

  it("redraws at once for the store's own change, also on a SCALE city whose new data waits for the interval", () => {
    const v = view(100_000);
    const whatIf = new FollowingStore();
    const a = keyOf(v, [whatIf], 1);
    whatIf.dataArrived();
    expect(keyOf(v, [whatIf], 2)).toBe(a); // new data, and the store passing it on: held back
    whatIf.edit();
    const b = keyOf(v, [whatIf], 2);
    expect(b).not.toBe(a);
    expect(b).toContain('#2'); // drawn with the data as it is then
  });

  it('takes a heat surface from the worker as new data: at once on a real city, with the next data interval at SCALE', () => {
    const real = view(0);
    const a = keyOf(real, [], 1, 1);
    expect(keyOf(real, [], 1, 2)).not.toBe(a);
    const scaled = view(100_000);
    const b = keyOf(scaled, [], 5, 1);
    expect(keyOf(scaled, [], 5, 2)).toBe(b);
  });

  it("redraws for new data of the sensors kept only in the columns, which do not move the kinds' versions", () => {
    const onlyHereVersions = { parking: 1 };
    const v = { columns: { columnsOnlyCount: 0, onlyHereVersions } } as unknown as CityView;
    const a = keyOf(v, [], 1);
    onlyHereVersions.parking = 2;
    expect(keyOf(v, [], 1)).not.toBe(a);
  });
});
