import type { SensorKind } from '../../../common/readings.js';
import type { Subscription } from '../../../common/wire/live-messages.js';

/** The map's view as the URL keeps it (client/src/url/). */
export interface MapCentre {
  lon: number;
  lat: number;
  zoom: number;
}

/** maplibre's tiles are 512 px: at zoom z the world is 512·2^z px wide. */
const WORLD_PX_AT_Z0 = 512;

/**
 * The subscription for what a map shows: the visible kinds, the area around the view (the screen
 * padded by half its size on every side, so a small pan needs no new data) and the zoom. Climate
 * stays city-wide: the heat surface interpolates every station, and a district panel counts them all.
 */
export function viewSubscription(kinds: readonly SensorKind[], view: MapCentre | null, screen: { width: number; height: number }): Subscription {
  const sub: Subscription = { kinds: [...kinds], wholeCity: kinds.includes('climate') ? ['climate'] : [] };
  if (!view) return sub;
  const lonPerPx = 360 / (WORLD_PX_AT_Z0 * 2 ** view.zoom);
  const latPerPx = lonPerPx * Math.cos((view.lat * Math.PI) / 180);
  const halfW = screen.width * lonPerPx; // half the screen each side + half a screen of padding
  const halfH = screen.height * latPerPx;
  const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
  sub.bbox = [clamp(view.lon - halfW, -180, 180), clamp(view.lat - halfH, -90, 90), clamp(view.lon + halfW, -180, 180), clamp(view.lat + halfH, -90, 90)];
  sub.zoom = clamp(view.zoom, 0, 24);
  return sub;
}

/**
 * The subscription a page wants, handed to the connection at most once per `minGapMs` (the last
 * wish wins): every message counts against the client's rate limit (SOCKET_MAX_EVENTS_PER_10S).
 */
export class ViewSubscriptions {
  private wanted: Subscription | null = null;
  private sentKey: string | null = null;
  private lastSentAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private send: ((sub: Subscription) => void) | null = null;

  constructor(
    private readonly minGapMs = 2500,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** What the handshake carries (a reconnect starts from the current view). */
  current(): Subscription | null {
    return this.wanted;
  }

  want(sub: Subscription): void {
    this.wanted = sub;
    this.schedule();
  }

  /** The connection attaches its sender; it was told the current view in the handshake. */
  attach(send: ((sub: Subscription) => void) | null): void {
    this.send = send;
    this.sentKey = this.wanted ? JSON.stringify(this.wanted) : null;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastSentAt + this.minGapMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.wanted || !this.send) return;
      const key = JSON.stringify(this.wanted);
      if (key === this.sentKey) return;
      this.sentKey = key;
      this.lastSentAt = this.now();
      this.send(this.wanted);
    }, wait);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
