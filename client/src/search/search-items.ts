import type { Place } from '../../../common/places.js';
import type { CityModel } from '../map/city-model.js';
import { localName } from '../i18n/place-names.js';
import type { Lang } from '../i18n/strings.js';
import type { SearchItem } from './search-match.js';

/** The middle vertex of a link's line: on the road, where its chevrons run. */
function midpoint(line: Array<[number, number]>): [number, number] {
  return line[Math.floor(line.length / 2)] ?? line[0];
}

/**
 * Everything the search box can find: climate stations, car parks, charging sites, tree sensors, traffic links
 * (each direction and section), Kitas, schools, playgrounds and the districts. Labels in the page's
 * language; the German name is searched too, so a German street name finds the English label.
 */
export function buildSearchItems(city: CityModel, places: readonly Place[], districts: ReadonlyArray<{ districtId: string; name: string }>, lang: Lang): SearchItem[] {
  const items: SearchItem[] = [];
  for (const s of [...city.climate, ...city.parking, ...city.charging, ...(city.tree ?? [])]) {
    const p = s.properties;
    items.push({ key: `sensor:${s.id}`, label: localName(p.name, lang), kind: p.kind, also: [p.name, p.district], lonLat: s.geometry.coordinates as [number, number], target: { type: 'sensor', id: s.id } });
  }
  for (const s of city.traffic) {
    const p = s.properties;
    items.push({
      key: `sensor:${s.id}`,
      label: localName(p.name, lang),
      kind: 'traffic',
      also: [p.name, p.street, p.district],
      lonLat: midpoint(s.geometry.coordinates as Array<[number, number]>),
      target: { type: 'sensor', id: s.id },
    });
  }
  for (const p of places) {
    items.push({ key: `place:${p.id}`, label: p.name, kind: p.type, also: [p.district], lonLat: [p.lon, p.lat], target: { type: 'place', id: p.id } });
  }
  for (const d of districts) {
    const label = city.districtLabels.find((l) => l.name === d.name);
    if (label) items.push({ key: `district:${d.districtId}`, label: d.name, kind: 'district', also: [], lonLat: label.position, target: { type: 'district', id: d.districtId } });
  }
  return items;
}
