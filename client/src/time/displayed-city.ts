import type { LiveStore } from '../live/live-store.js';
import { nextVersions, pastView, type CityView, type PastCity } from './city-view.js';
import { VersionedStore } from '../live/versioned-store.js';

export type TimeMode = { kind: 'live' } | { kind: 'past'; at: number };

export type FetchPastState = (at: number, signal: AbortSignal) => Promise<PastCity>;

/** Wait this long after a cursor move before asking the server: a drag moves the cursor many times a second. */
export const FETCH_DELAY_MS = 120;

/**
 * The one source the UI reads the city from: the live store, or a past state while the time cursor
 * is away from the present. The live store keeps running underneath, so going back to live is instant.
 * Kept outside React like the live store: components subscribe and read `version`.
 *
 * Past states are fetched one at a time: while one request is out, further cursor moves only update
 * the wanted instant, and the newest one is asked for when the answer is in (a drag shows steps, never a backlog).
 */
export class DisplayedCity extends VersionedStore {
  mode: TimeMode = { kind: 'live' };
  /** the past view last loaded, with the instant it shows; kept while a newer one loads */
  past: { at: number; view: CityView } | null = null;
  /** the last past state could not be loaded */
  error: string | null = null;
  private displayedVersions;
  private seenLive;
  private readonly liveView: CityView;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: AbortController | null = null;
  /** the live store's history run: a past instant of another run (before a scenario switch) shows another city */
  private liveRun: string | null;

  constructor(
    readonly live: LiveStore,
    private readonly fetchState: FetchPastState,
  ) {
    super();
    this.displayedVersions = { ...live.versions };
    this.seenLive = { ...live.versions };
    this.liveRun = live.run;
    // Delegates to the live store, but with the displayed versions (see nextVersions).
    const self = this;
    this.liveView = {
      get entries() {
        return live.entries;
      },
      get versions() {
        return self.displayedVersions;
      },
      get districts() {
        return live.districts;
      },
      get alerts() {
        return live.alerts;
      },
      get closures() {
        return live.closures;
      },
      get nights() {
        return live.nights;
      },
      get nightCount() {
        return live.nightCount;
      },
      get kpis() {
        return live.kpis;
      },
      get worstLinks() {
        return live.worstLinks;
      },
      get columns() {
        return live.columns;
      },
      cityNow: (now?: number) => live.cityNow(now),
    };
    live.subscribe(this.onLive);
  }

  /** What the UI draws now: the live city, or the past state last loaded (until the first one arrives, what was shown before: `loading()` says so). */
  view(): CityView {
    if (this.mode.kind === 'live') return this.liveView;
    return this.past?.view ?? this.liveView;
  }

  /** The instant the user asked to see, or null for live. */
  wantedAt(): number | null {
    return this.mode.kind === 'past' ? this.mode.at : null;
  }

  /** True while the view does not yet show the wanted past instant. */
  loading(): boolean {
    return this.mode.kind === 'past' && this.past?.at !== this.mode.at;
  }

  showAt(at: number): void {
    if (this.mode.kind === 'past' && this.mode.at === at) return;
    this.mode = { kind: 'past', at };
    this.error = null;
    this.notify();
    this.schedule();
  }

  showLive(): void {
    if (this.mode.kind === 'live') return;
    this.mode = { kind: 'live' };
    this.inFlight?.abort();
    this.inFlight = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.past = null;
    this.error = null;
    this.bump(true);
    this.notify();
  }

  dispose(): void {
    this.showLive();
  }

  private onLive = (): void => {
    // A scenario switch: the cursor follows the new run (the first snapshot only names the run the address's time belongs to).
    const switched = this.liveRun !== null && this.live.run !== null && this.live.run !== this.liveRun;
    if (this.live.run !== null) this.liveRun = this.live.run;
    if (switched && this.mode.kind !== 'live') {
      this.showLive();
      return;
    }
    if (this.mode.kind !== 'live') {
      this.seenLive = { ...this.live.versions };
      return;
    }
    this.bump(false);
    this.notify();
  };

  private bump(switched: boolean): void {
    this.displayedVersions = nextVersions(this.displayedVersions, this.seenLive, this.live.versions, switched);
    this.seenLive = { ...this.live.versions };
  }

  private schedule(): void {
    if (this.timer !== null || this.inFlight) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, FETCH_DELAY_MS);
  }

  private async load(): Promise<void> {
    if (this.mode.kind !== 'past') return;
    const at = this.mode.at;
    const controller = new AbortController();
    this.inFlight = controller;
    try {
      const state = await this.fetchState(at, controller.signal);
      if (controller.signal.aborted || this.mode.kind !== 'past') return;
      this.bump(true);
      this.past = { at, view: pastView(state, at, this.displayedVersions) };
      this.error = null;
      this.notify();
    } catch (err) {
      if (controller.signal.aborted) return;
      this.error = (err as Error).message;
      this.notify();
    } finally {
      if (this.inFlight === controller) this.inFlight = null;
      if (!controller.signal.aborted && this.mode.kind === 'past' && this.mode.at !== at) this.schedule();
    }
  }

}
