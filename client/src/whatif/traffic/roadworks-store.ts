import { roadLinksResponseSchema, trafficWhatIfResponseSchema, type RoadLinkShape, type TrafficWhatIfRequest, type TrafficWhatIfResponse } from '../../../../common/whatif-traffic.js';
import { bochumParts } from '../../../../common/bochum-time.js';
import { apiFetch } from '../../auth/auth-client.js';
import { fromBochumInput } from '../../closures/bochum-input.js';
import { VersionedStore } from '../../live/versioned-store.js';
import type { WhatIfStore } from '../whatif-store.js';
import { nearestLink } from './nearest-link.js';

/** The instants a plan is evaluated at: the weekday morning and evening peaks of the demand model. */
export const PEAKS = [
  { key: 'morning', hhmm: '07:30' },
  { key: 'evening', hhmm: '17:00' },
] as const;

/** A click counts for a link within this distance of its course (the two directions share one). */
const PICK_RADIUS_M = 120;
const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of an instant in Bochum */
export const bochumDate = (ms: number) => {
  const p = bochumParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

/**
 * The planner's roadworks: the links picked (on the map or from the list), the dates the works run,
 * the day evaluated and the server's answer (POST /api/whatif/traffic, a sandbox of the traffic
 * model). Outside React like the other stores; one per heat what-if store (`roadworksOf`).
 */
export class RoadworksStore extends VersionedStore {
  links: RoadLinkShape[] = [];
  byId = new Map<string, RoadLinkShape>();
  picked: string[] = [];
  bothDirections = true;
  picking = false;
  /** Bochum dates, `YYYY-MM-DD`: the works run from the start of `from` to the end of `until` */
  from = '';
  until = '';
  /** the day whose peaks are evaluated */
  day = '';
  result: TrafficWhatIfResponse | null = null;
  /** which of the result's instants the map and the table show */
  shownInstant = 0;
  busy = false;
  error: string | null = null;
  private loading: Promise<void> | null = null;

  /** Loads the graph's links once, and sets the dates around the city's clock (tomorrow, for two weeks). */
  start(): void {
    this.loading ??= Promise.all([this.loadLinks(), this.setDates()]).then(() => this.notify());
  }

  private async loadLinks(): Promise<void> {
    try {
      const res = await fetch('/api/whatif/traffic/links');
      if (!res.ok) throw new Error(`/api/whatif/traffic/links: HTTP ${res.status}`);
      this.links = roadLinksResponseSchema.parse(await res.json()).links;
      this.byId = new Map(this.links.map((l) => [l.id, l]));
    } catch (err) {
      this.error = (err as Error).message;
    }
  }

  /** The city's clock from /api/health (a replayed scenario runs in its own year); the browser's if it cannot be read. */
  private async setDates(): Promise<void> {
    const health = await fetch('/api/health')
      .then((r) => r.json() as Promise<{ cityTime?: string }>)
      .catch(() => null);
    const now = Date.parse(health?.cityTime ?? '') || Date.now();
    if (this.from) return;
    this.from = bochumDate(now + DAY_MS);
    this.until = bochumDate(now + 14 * DAY_MS);
    this.day = this.from;
  }

  /** A click on the map while picking: the nearest link (and its other direction) in or out of the plan. */
  clickAt(at: [number, number]): boolean {
    if (!this.picking) return false;
    const link = nearestLink(this.links, at, PICK_RADIUS_M);
    if (link) this.toggle(link.id);
    return true;
  }

  toggle(id: string): void {
    const link = this.byId.get(id);
    if (!link) return;
    const ids = [id, ...(this.bothDirections && link.reverseId ? [link.reverseId] : [])];
    const has = this.picked.includes(id);
    this.picked = has ? this.picked.filter((p) => !ids.includes(p)) : [...this.picked, ...ids.filter((p) => !this.picked.includes(p))];
    this.result = null;
    this.notify();
  }

  remove(id: string): void {
    this.picked = this.picked.filter((p) => p !== id);
    this.result = null;
    this.notify();
  }

  clear(): void {
    this.picked = [];
    this.result = null;
    this.error = null;
    this.notify();
  }

  setPicking(on: boolean): void {
    this.picking = on;
    this.notify();
  }

  set(patch: Partial<Pick<RoadworksStore, 'from' | 'until' | 'day' | 'bothDirections' | 'shownInstant'>>): void {
    Object.assign(this, patch);
    if (patch.from !== undefined || patch.until !== undefined || patch.day !== undefined) this.result = null;
    this.notify();
  }

  /** The request for the plan as set, or why there is none. */
  request(): { ok: true; body: TrafficWhatIfRequest } | { ok: false; reason: 'noLinks' | 'badDates' } {
    if (this.picked.length === 0) return { ok: false, reason: 'noLinks' };
    const from = fromBochumInput(`${this.from}T00:00`);
    const untilDay = fromBochumInput(`${this.until}T00:00`);
    const at = PEAKS.map((p) => fromBochumInput(`${this.day}T${p.hhmm}`));
    if (from === null || untilDay === null || at.some((t) => t === null)) return { ok: false, reason: 'badDates' };
    // to the end of the last day (the next midnight, whatever the clock change)
    const until = fromBochumInput(`${bochumDate(untilDay + 36 * 3_600_000)}T00:00`)!;
    if (until <= from) return { ok: false, reason: 'badDates' };
    return { ok: true, body: { closures: this.picked.map((linkId) => ({ linkId, from, until })), at: at as number[] } };
  }

  async evaluate(): Promise<void> {
    const req = this.request();
    if (!req.ok || this.busy) return;
    this.busy = true;
    this.error = null;
    this.notify();
    try {
      const res = await apiFetch('/api/whatif/traffic', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req.body) });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw new Error((body as { message?: string; detail?: string } | null)?.message ?? (body as { detail?: string } | null)?.detail ?? `HTTP ${res.status}`);
      this.result = trafficWhatIfResponseSchema.parse(body);
      this.shownInstant = Math.min(this.shownInstant, this.result.instants.length - 1);
      this.picking = false;
    } catch (err) {
      this.error = (err as Error).message;
    } finally {
      this.busy = false;
      this.notify();
    }
  }
}

const stores = new WeakMap<WhatIfStore, RoadworksStore>();

/** The roadworks beside a heat what-if: one per what-if store, made on first use. */
export function roadworksOf(whatIf: WhatIfStore): RoadworksStore {
  let s = stores.get(whatIf);
  if (!s) {
    s = new RoadworksStore();
    stores.set(whatIf, s);
  }
  return s;
}
