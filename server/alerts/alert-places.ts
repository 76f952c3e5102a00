import { sensorAnchor } from '../../common/derive.js';
import type { Network } from '../../common/models/traffic-network.js';
import type { District } from '../heat/district-grid.js';
import type { SensorIndex } from '../registry.js';
import type { Places } from './alert-conditions.js';

/** Where alerts are on the map: sensors by their anchor, districts by their sensors' centre, links by their midpoint. */
export function alertPlaces(sensors: SensorIndex, districts: readonly District[], roads: Network): Places {
  const idByName = new Map(districts.map((d) => [d.name, d.id]));
  const centres = new Map<string, [number, number]>();
  for (const d of districts) {
    const points = [...sensors.byId.values()].filter((s) => s.properties.district === d.name).map(sensorAnchor);
    if (points.length > 0) centres.set(d.id, [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length]);
  }
  const links = new Map(
    roads.links.map((l) => {
      const [a, b] = [roads.nodes[l.from].at, roads.nodes[l.to].at];
      return [l.id, { street: l.street, lonLat: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as [number, number] }];
    }),
  );
  return {
    sensor: (id) => sensors.get(id),
    districtId: (name) => idByName.get(name),
    districtCentre: (id) => centres.get(id),
    link: (id) => links.get(id),
  };
}
