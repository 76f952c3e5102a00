import { isStale } from '../../../common/freshness.js';
import { ringsBounds } from '../../../common/geo-bounds.js';
import { utciAtPlaces } from '../../../common/models/place-exposure.js';
import { placesExposureResponseSchema, placesResponseSchema, type Place, type PlaceExposure } from '../../../common/places.js';
import type { CityModel } from '../map/city-model.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { VersionedStore } from '../live/versioned-store.js';

/** Exposure hours are asked for once per 5 minutes of displayed time: quarter-hour data changes no faster. */
const EXPOSURE_STEP_MS = 5 * 60_000;

/**
 * The vulnerable places and their heat exposure at the displayed time, outside React like the
 * live store. The UTCI now is computed here from the displayed stations with the heat surface's
 * own IDW and planar frame (so a place shows the colour the surface has under it); the hours under
 * strong heat stress come from GET /api/places/exposure for the displayed instant.
 */
export class PlacesStore extends VersionedStore {
  places: Place[] = [];
  byId = new Map<string, Place>();
  /** hours per place at `exposureAt` (rounded down to 5 min); empty until the first answer */
  exposure = new Map<string, PlaceExposure>();
  exposureAt: number | null = null;
  private wantedRun: string | null = null;
  error: string | null = null;
  private utciCache: { key: string; values: Map<string, number | null> } | null = null;
  private wantedKey: number | null = null;
  private readonly refLat: number;

  constructor(
    private readonly shown: DisplayedCity,
    private readonly city: CityModel,
  ) {
    super();
    const [, s, , n] = ringsBounds(city.boundaryRings);
    this.refLat = (s + n) / 2;
  }

  /** Loads the places, then follows the displayed time; returns the unsubscribe. */
  start(): () => void {
    let stopped = false;
    void fetch('/api/places')
      .then(async (r) => {
        if (!r.ok) throw new Error(`/api/places: HTTP ${r.status}`);
        return placesResponseSchema.parse(await r.json());
      })
      .then((body) => {
        if (stopped) return;
        this.places = body.places;
        this.byId = new Map(body.places.map((p) => [p.id, p]));
        this.notify();
        this.follow();
      })
      .catch((err: Error) => {
        this.error = err.message;
        this.notify();
      });
    const off = this.shown.subscribe(() => {
      this.follow();
      this.notifyFollowing();
    });
    const timer = window.setInterval(() => this.follow(), 30_000);
    return () => {
      stopped = true;
      off();
      window.clearInterval(timer);
    };
  }

  /** Asks for the exposure at the displayed instant when it moved into another 5-minute step. */
  private follow(): void {
    const view = this.shown.view();
    const at = view.cityNow();
    if (at === null || this.places.length === 0) return;
    // A demo plays recorded runs: the exposure must come from the run of the state on screen (the instant
    // and the run of one answer; the tour's next recording is named before its first frame has loaded).
    const run = view.run ?? null;
    const key = Math.floor(at / EXPOSURE_STEP_MS) * EXPOSURE_STEP_MS;
    if (key === this.wantedKey && run === this.wantedRun) return;
    this.wantedKey = key;
    this.wantedRun = run;
    void fetch(`/api/places/exposure?at=${key}${run ? `&run=${encodeURIComponent(run)}` : ''}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`/api/places/exposure: HTTP ${r.status}`);
        return placesExposureResponseSchema.parse(await r.json());
      })
      .then((body) => {
        if (this.wantedKey !== key) return;
        this.exposure = new Map(body.places.map((p) => [p.id, p]));
        this.exposureAt = body.at;
        this.error = null;
        this.notify();
      })
      .catch((err: Error) => {
        if (this.wantedKey === key) this.wantedKey = null;
        this.error = err.message;
        this.notify();
      });
  }

  /** UTCI at every place from the displayed stations (null: no fresh station), recomputed when the climate readings change. */
  utciNow(): Map<string, number | null> {
    const view = this.shown.view();
    const now = view.cityNow() ?? 0;
    const key = `${view.versions.climate}/${Math.floor(now / 60_000)}/${this.places.length}`;
    if (this.utciCache?.key === key) return this.utciCache.values;
    const stations = this.city.climate.flatMap((s) => {
      const e = view.entries.get(s.id);
      if (!e || isStale(e.reading, now) || e.derived.kind !== 'climate' || e.derived.utciC === null) return [];
      return [{ lon: s.geometry.coordinates[0], lat: s.geometry.coordinates[1], value: e.derived.utciC }];
    });
    const raw = utciAtPlaces(stations, this.places, this.refLat);
    const values = new Map<string, number | null>([...raw].map(([id, v]) => [id, Number.isFinite(v) ? v : null]));
    this.utciCache = { key, values };
    return values;
  }

  /** Exposure per place for ranking: the hours from the server, the UTCI now from the displayed stations. */
  exposureNow(): Map<string, PlaceExposure> {
    const utci = this.utciNow();
    const out = new Map<string, PlaceExposure>();
    for (const p of this.places) {
      const e = this.exposure.get(p.id);
      out.set(p.id, { id: p.id, utciC: utci.get(p.id) ?? null, hoursStrongToday: e?.hoursStrongToday ?? 0, hoursStrong7d: e?.hoursStrong7d ?? 0 });
    }
    return out;
  }
}
