import fs from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, Point } from 'geojson';
import type { ClimateSensor } from '../../common/sensors';
import type { DistrictLocator } from './districts';
import { BOCHUM_REFERENCE_LAT, LocalProjection } from '../../common/geo.js';
import { roundPoint, slugify, type LonLat } from './geo-utils';
import type { BochumSources } from './sources';

/** Station names in the open data carry Wi-Fi and MAC suffixes; the map shows the place. */
export function cleanStationName(raw: string): string {
  return raw
    .replace(/[\s-]*WIFI[0-9A-F]*$/i, '')
    .replace(/-[0-9A-F]{2,4}$/, '')
    .replace(/str$/, 'straße')
    .trim();
}

/**
 * A bench measures its own surroundings; beyond ~2.5 km (a typical Bochum
 * Stadtteil) its readings say little, so the gaps get synthetic stations.
 */
export const COVERAGE_RADIUS_M = 2500;
/** Candidate spacing: fine enough that the greedy choice lands near the middle of each gap. */
const GRID_STEP_M = 500;

/** The benches whose measurements the city has not published: recorded scenarios have nothing to replay for them. */
const NO_EXPORTS = {
  de: 'Für diese Bank hat die Stadt keine Messwerte veröffentlicht; in aufgezeichneten Szenarien bleibt sie ohne Daten.',
  en: 'The city has published no measurements for this bench; in recorded scenarios it stays without data.',
};

function hasExports(src: BochumSources, mac: string): boolean {
  const prefix = `bochum_ecowitt_gw2001_${mac.replace(/[^0-9a-f]/gi, '').toUpperCase()}_`;
  return fs.readdirSync(path.join(src.dir, 'climate/ecowitt')).some((f) => f.startsWith(prefix) && f.endsWith('.csv'));
}

export function climateSensors(src: BochumSources, districtOf: DistrictLocator): Feature<Point, ClimateSensor>[] {
  const real: Feature<Point, ClimateSensor>[] = src.stations.map((s) => {
    const name = cleanStationName(s.name);
    const id = `climate-${slugify(name)}`;
    return {
      type: 'Feature',
      id,
      properties: {
        id,
        kind: 'climate',
        name,
        district: districtOf(s.at),
        synthetic: false,
        source: 'Stadt Bochum, Smarte Bänke (Open Data, CC0 1.0)',
        mac: s.mac,
        ...(hasExports(src, s.mac) ? {} : { noDataReason: NO_EXPORTS }),
      },
      geometry: { type: 'Point', coordinates: roundPoint(s.at) },
    };
  });
  return [...real, ...syntheticStations(src, districtOf, src.stations.map((s) => s.at))];
}

/**
 * Farthest-point greedy cover: among grid points inside the city, repeatedly
 * take the one farthest from every station so far, until none is farther than
 * the coverage radius. Deterministic, and it fills the largest gaps first.
 */
function syntheticStations(src: BochumSources, districtOf: DistrictLocator, existing: LonLat[]): Feature<Point, ClimateSensor>[] {
  const proj = new LocalProjection(BOCHUM_REFERENCE_LAT);
  const [minLon, minLat, maxLon, maxLat] = turf.bbox(src.boundary);
  const dLon = GRID_STEP_M / proj.kx;
  const dLat = GRID_STEP_M / proj.ky;
  const candidates: LonLat[] = [];
  for (let lat = minLat + dLat / 2; lat < maxLat; lat += dLat) {
    for (let lon = minLon + dLon / 2; lon < maxLon; lon += dLon) {
      const p = roundPoint([lon, lat]);
      if (turf.booleanPointInPolygon(p, src.boundary)) candidates.push(p);
    }
  }
  const dist = (a: LonLat, b: LonLat) => Math.hypot(proj.x(a[0]) - proj.x(b[0]), proj.y(a[1]) - proj.y(b[1]));
  const nearest = candidates.map((c) => Math.min(...existing.map((e) => dist(c, e))));

  const chosen: LonLat[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < candidates.length; i++) if (best < 0 || nearest[i] > nearest[best]) best = i;
    if (best < 0 || nearest[best] <= COVERAGE_RADIUS_M) break;
    const p = candidates[best];
    chosen.push(p);
    for (let i = 0; i < candidates.length; i++) nearest[i] = Math.min(nearest[i], dist(candidates[i], p));
  }

  // numbered per district from west to east, so names stay stable when one gap changes
  const perDistrict = new Map<string, number>();
  return chosen
    .map((p) => ({ p, district: districtOf(p) }))
    .sort((a, b) => a.district.localeCompare(b.district, 'de') || a.p[0] - b.p[0] || a.p[1] - b.p[1])
    .map(({ p, district }) => {
      const n = (perDistrict.get(district) ?? 0) + 1;
      perDistrict.set(district, n);
      const id = `climate-synth-${slugify(district)}-${n}`;
      return {
        type: 'Feature' as const,
        id,
        properties: {
          id,
          kind: 'climate' as const,
          name: `Klimapunkt ${district} ${n}`,
          district,
          synthetic: true,
          source: 'Stadtpuls (synthetisch, Lückenfüller zwischen den Smarten Bänken)',
        },
        geometry: { type: 'Point' as const, coordinates: p },
      };
    });
}
