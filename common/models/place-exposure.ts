/**
 * Heat exposure of vulnerable places: the UTCI at a place is the heat surface's value there (the
 * same IDW of station UTCI as client/src/map/heat-surface.ts and the district figures), and the
 * hours under strong heat stress are counted bucket by bucket over the stations' stored series.
 */
import { BOCHUM_REFERENCE_LAT, lonLatToLocalKm } from '../geo.js';
import type { Place, PlaceExposure, PlaceType } from '../places.js';
import type { Sample } from './idw.js';
import { PointWeights } from './idw-weights.js';
import { nearestIdw } from './nearest-idw.js';

export interface StationValue {
  lon: number;
  lat: number;
  value: number;
}

/** One instant of the stations' UTCI: the start of a bucket and the stations that reported in it. */
export interface StationFrame {
  t: number;
  stations: ReadonlyArray<StationValue>;
}

function samplesOf(stations: ReadonlyArray<StationValue>, refLat: number): Sample[] {
  return stations.filter((s) => Number.isFinite(s.value)).map((s) => ({ ...lonLatToLocalKm(s.lon, s.lat, refLat), value: s.value }));
}

/**
 * UTCI at each place from the stations' values; NaN without stations. `refLat` is the planar
 * frame's latitude: the map's surface uses the middle of its bounds, so pass that to match it exactly.
 */
export function utciAtPlaces(
  stations: ReadonlyArray<StationValue>,
  places: ReadonlyArray<Pick<Place, 'id' | 'lon' | 'lat'>>,
  refLat: number = BOCHUM_REFERENCE_LAT,
): Map<string, number> {
  const samples = samplesOf(stations, refLat);
  const out = new Map<string, number>();
  const at = samples.length === 0 ? () => NaN : nearestIdw(samples);
  for (const p of places) {
    const { x, y } = lonLatToLocalKm(p.lon, p.lat, refLat);
    out.set(p.id, at(x, y));
  }
  return out;
}

/**
 * The places' UTCI bucket by bucket from stored station series, for a city of any number of stations. Each place
 * weighs its own neighbourhood, the NEAREST_STATIONS stations nearest to it (in a city of at most that many, all of
 * them), found once; a bucket weighs those of them that reported in it. With every neighbour reporting that is
 * utciAtPlaces' figure, and in a city of at most NEAREST_STATIONS stations it is that always, to the bit.
 * Why: at SCALE=100000 (15,000 environmental nodes) full IDW of 590 places took 1.1 s a bucket, and the exposure
 * request held the server's event loop 5.6 s with a history of one bucket (issue 13).
 */
export class PlaceNeighbourhoods {
  /** the stations some place weighs, as indices into the stations given: only their series are needed */
  readonly weighed: Int32Array;
  /** over the weighed stations alone: a place's nearest stations are among them, in the same order */
  private readonly weights: PointWeights;

  constructor(
    stations: ReadonlyArray<{ lon: number; lat: number }>,
    readonly places: ReadonlyArray<Pick<Place, 'id' | 'lon' | 'lat'>>,
    refLat: number = BOCHUM_REFERENCE_LAT,
  ) {
    const xy = (ps: ReadonlyArray<{ lon: number; lat: number }>) =>
      Float64Array.from(
        ps.flatMap((p) => {
          const { x, y } = lonLatToLocalKm(p.lon, p.lat, refLat);
          return [x, y];
        }),
      );
    const placesXy = xy(places);
    this.weighed = PointWeights.of(xy(stations), placesXy).weighed();
    this.weights = PointWeights.of(xy(Array.from(this.weighed, (i) => stations[i])), placesXy);
  }

  /** Per place, the UTCI of one bucket; `values` per weighed station, in `weighed`'s order (NaN: no reading). */
  utci(values: ArrayLike<number>, out = new Float64Array(this.places.length)): Float64Array {
    for (let p = 0; p < this.places.length; p++) out[p] = this.weights.atPresent(values, p);
    return out;
  }
}

/**
 * Hours each place spent at UTCI ≥ `thresholdC` within each of `spans`, bucket by bucket as hoursAtOrAbove counts
 * them (a bucket [t, t + stepMs) counts with its part inside the span; NaN counts as unknown, not as cool), so that
 * a bucket's figures, computed once, serve every span.
 */
export class HoursAtOrAbove {
  readonly hours: Float64Array[];

  constructor(
    places: number,
    private readonly thresholdC: number,
    private readonly stepMs: number,
    private readonly spans: ReadonlyArray<{ from: number; to: number }>,
  ) {
    this.hours = spans.map(() => new Float64Array(places));
  }

  add(t: number, utci: ArrayLike<number>): void {
    this.spans.forEach(({ from, to }, s) => {
      const overlapH = (Math.min(t + this.stepMs, to) - Math.max(t, from)) / 3_600_000;
      if (overlapH <= 0) return;
      const hours = this.hours[s];
      for (let p = 0; p < hours.length; p++) if (utci[p] >= this.thresholdC) hours[p] += overlapH;
    });
  }
}

/**
 * Hours each place spent at UTCI ≥ `thresholdC` between `from` and `to`. Each frame stands for
 * the bucket [t, t + stepMs) and counts with the part of it inside the span (the bucket still
 * filling at `to` counts up to `to`); a frame without stations counts as unknown, not as cool.
 */
export function hoursAtOrAbove(
  frames: ReadonlyArray<StationFrame>,
  places: ReadonlyArray<Pick<Place, 'id' | 'lon' | 'lat'>>,
  thresholdC: number,
  stepMs: number,
  from: number,
  to: number,
): Map<string, number> {
  const hours = new HoursAtOrAbove(places.length, thresholdC, stepMs, [{ from, to }]);
  for (const frame of frames) {
    const utci = utciAtPlaces(frame.stations, places);
    hours.add(frame.t, places.map((p) => utci.get(p.id)!));
  }
  return new Map(places.map((p, i) => [p.id, hours.hours[0][i]]));
}

export interface RankedPlace extends Place {
  exposure: PlaceExposure;
}

/**
 * The places of the given types, most exposed first: hours under strong heat stress today, then
 * over 7 days, then the UTCI now; ties by name so the order is stable for the list and the CSV.
 */
export function rankPlaces(
  places: ReadonlyArray<Place>,
  exposure: ReadonlyMap<string, PlaceExposure>,
  filter: { types: ReadonlyArray<PlaceType>; district?: string },
): RankedPlace[] {
  const ranked: RankedPlace[] = [];
  for (const p of places) {
    const e = exposure.get(p.id);
    if (!e || !filter.types.includes(p.type) || (filter.district && p.district !== filter.district)) continue;
    ranked.push({ ...p, exposure: e });
  }
  const utci = (r: RankedPlace) => r.exposure.utciC ?? -Infinity;
  return ranked.sort(
    (a, b) =>
      b.exposure.hoursStrongToday - a.exposure.hoursStrongToday ||
      b.exposure.hoursStrong7d - a.exposure.hoursStrong7d ||
      utci(b) - utci(a) ||
      a.name.localeCompare(b.name, 'de'),
  );
}

/** Per district and type: how many places are at UTCI ≥ `thresholdC` now. */
export function countAtOrAbove(
  places: ReadonlyArray<Place>,
  utci: ReadonlyMap<string, number | null>,
  thresholdC: number,
): Map<string, Record<PlaceType, number>> {
  const out = new Map<string, Record<PlaceType, number>>();
  for (const p of places) {
    let counts = out.get(p.district);
    if (!counts) out.set(p.district, (counts = { kita: 0, school: 0, playground: 0 }));
    const v = utci.get(p.id);
    if (v !== null && v !== undefined && v >= thresholdC) counts[p.type] += 1;
  }
  return out;
}
