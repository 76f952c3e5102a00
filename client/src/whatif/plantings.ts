import type { Measure } from '../../../common/measures.js';

/** A row of the city's planting register (data/city/plantings.geojson, built by data/build/build-plantings.ts). */
export interface Planting {
  at: [number, number];
  properties: { id: string; kind: 'planting' | 'felling'; street: string; site: string; district: string; count: number; species: string; when: string };
}

/**
 * The register's plantings as tree measures: each row's trees in a group around its one point (the
 * register gives a point per street, not each tree). Fellings are not measures: they are listed.
 */
export function plantingMeasures(plantings: ReadonlyArray<Planting>, crownDiameterM: number): Measure[] {
  return plantings
    .filter((p) => p.properties.kind === 'planting')
    .map((p) => ({ type: 'trees', id: p.properties.id, line: [p.at], count: p.properties.count, crownDiameterM, label: p.properties.street }));
}
