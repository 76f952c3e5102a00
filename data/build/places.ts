/**
 * Vulnerable places (Kitas, schools, playgrounds) from the city's points of interest
 * (StadtBochum/OpenData data/EDUC, CC0 1.0): `;`-separated, quoted CSV whose descriptions span
 * lines, positions as ETRS89/UTM 32N. Kept: name, type, Stadtbezirk. Schools are the ones
 * children attend (general, special-needs and private substitute schools), not universities,
 * vocational or adult education; playgrounds leave out indoor play halls (not outdoors in the heat).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { PlaceProperties, PlaceType } from '../../common/places';
import { utmToLonLat } from '../../common/utm';
import type { DistrictLocator } from './districts';
import { roundPoint } from './geo-utils';

export const PLACE_SOURCES: Record<PlaceType, string> = {
  kita: 'places/daycare_centers.csv',
  school: 'places/schools.csv',
  playground: 'places/playgrounds.csv',
};

const CHILDRENS_SCHOOL = /^Bildung\/(Allgemeinbildende Schulen|Förderschulen|Privatschulen\/(Private Ersatzschulen|Waldorfschulen|Private Gymnasien|Private Förderschulen))/;

/** Whether a source row of `type` (by its category path) belongs on the map. */
export function isVulnerablePlace(type: PlaceType, categoryPath: string): boolean {
  if (type === 'school') return CHILDRENS_SCHOOL.test(categoryPath);
  if (type === 'playground') return !categoryPath.endsWith('/Indoorspielhallen');
  return true;
}

/** RFC 4180 records with a given separator; quoted cells may hold separators, quotes and newlines. */
export function parseDelimited(text: string, separator: string): Record<string, string>[] {
  const records: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (src[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((v) => v !== '')) records.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((v) => v !== '')) records.push(row);
  const [head, ...rest] = records;
  return rest.map((cells) => Object.fromEntries(head.map((k, i) => [k, cells[i] ?? ''])));
}

export function buildPlaces(dataDir: string, districtOf: DistrictLocator): FeatureCollection<Point, PlaceProperties> {
  const features: Feature<Point, PlaceProperties>[] = [];
  for (const type of Object.keys(PLACE_SOURCES) as PlaceType[]) {
    const rows = parseDelimited(fs.readFileSync(path.join(dataDir, PLACE_SOURCES[type]), 'utf8'), ';');
    const seen = new Set<string>();
    for (const r of rows) {
      if (!isVulnerablePlace(type, r.kateg_pfad)) continue;
      const e = Number(r.rechts_utm);
      const n = Number(r.hoch_utm);
      const name = r.name.trim().replace(/\s+/g, ' ');
      if (!name || !Number.isFinite(e) || !Number.isFinite(n) || e === 0 || n === 0) continue;
      // The portal lists some sites once per category they are filed under.
      const key = `${name}|${e}|${n}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const at = roundPoint([...utmToLonLat(e, n, 32)]);
      const id = `${type}-${r.poi_id}`;
      if (features.some((f) => f.id === id)) continue;
      features.push({ type: 'Feature', id, properties: { id, name, type, district: districtOf(at) }, geometry: { type: 'Point', coordinates: at } });
    }
  }
  features.sort((a, b) => (a.properties.id < b.properties.id ? -1 : a.properties.id > b.properties.id ? 1 : 0));
  return { type: 'FeatureCollection', features };
}
