import type { Feature, Point } from 'geojson';
import type { ParkingSensor } from '../../common/sensors';
import type { DistrictLocator } from './districts';
import { roundPoint, slugify, type LonLat } from './geo-utils';
import type { BochumSources } from './sources';

export function parkingSensors(src: BochumSources, districtOf: DistrictLocator): Feature<Point, ParkingSensor>[] {
  return src.carParks.features
    .map((f) => {
      const at = f.geometry.coordinates as LonLat;
      const id = `parking-${slugify(f.properties.name)}`;
      const props: ParkingSensor = {
        id,
        kind: 'parking',
        name: f.properties.name,
        district: districtOf(at),
        synthetic: false,
        source: 'ParkAPI2 / parken-in-bochum.de (WEG Bochum)',
        capacity: f.properties.capacity,
        parkingType: f.properties.type,
      };
      if (f.properties.address) props.address = f.properties.address.replace(/\s+/g, ' ').trim();
      return { type: 'Feature' as const, id, properties: props, geometry: { type: 'Point' as const, coordinates: roundPoint(at) } };
    })
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}
