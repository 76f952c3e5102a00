import type { Feature, Point } from 'geojson';
import type { ChargingSensor } from '../../common/sensors';
import type { DistrictLocator } from './districts';
import { offsetLonLat } from '../../common/geo.js';
import { roundPoint, seededRandom, type LonLat } from './geo-utils';
import { anchor, stop, type BochumSources } from './sources';

/**
 * There is no open register of Bochum's charging points in the reference data
 * (the Bundesnetzagentur rows are missing), so every site here is invented:
 * placed where chargers typically are — at car parks, the main station, the
 * university and the centres of the Stadtteile — and flagged synthetic.
 */

type Where = { carPark: string } | { anchor: string } | { stop: string };

interface SiteDef {
  key: string;
  name: string;
  where: Where;
  /** hubs get DC fast chargers next to their AC points */
  fastKw?: number[];
  /** AC points at larger sites */
  large?: boolean;
}

const SITES: SiteDef[] = [
  { key: 'hbf', name: 'Hauptbahnhof', where: { anchor: 'Hauptbahnhof' }, fastKw: [150, 150], large: true },
  { key: 'rub', name: 'Ruhr-Universität', where: { anchor: 'Ruhr-Universitaet' }, fastKw: [50], large: true },
  { key: 'p1-husemannplatz', name: 'P1 Husemannplatz', where: { carPark: 'P1 Husemannplatz' }, large: true },
  { key: 'p3-rathaus', name: 'P3 Rathaus', where: { carPark: 'P3 Rathaus (BVZ)' }, large: true },
  { key: 'p5-brueckstrasse', name: 'P5 Brückstraße', where: { carPark: 'P5 Brückstraße' }, large: true },
  { key: 'p8-bermuda3eck', name: 'P8 Konrad-Adenauer-Platz', where: { carPark: 'P8 Konrad-Adenauer-Platz / Bermuda3Eck' } },
  { key: 'stadionring', name: 'PH Stadionring', where: { carPark: 'PH Stadionring' }, fastKw: [150], large: true },
  { key: 'westpark', name: 'Westpark / Jahrhunderthalle', where: { carPark: 'PH Westpark / Jahrhunderthalle' } },
  { key: 'wattenscheid', name: 'Wattenscheid August-Bebel-Platz', where: { stop: 'Bochum August-Bebel-Platz' }, fastKw: [50] },
  { key: 'hoentrop', name: 'Höntrop', where: { stop: 'BO Höntrop Kirche' } },
  { key: 'eppendorf', name: 'Eppendorf', where: { stop: 'Bochum Eppendorf Mitte' } },
  { key: 'linden', name: 'Linden', where: { stop: 'Bochum Linden Mitte' }, fastKw: [50] },
  { key: 'dahlhausen', name: 'Dahlhausen', where: { stop: 'Bochum Dahlhausen' } },
  { key: 'weitmar', name: 'Weitmar', where: { stop: 'Bochum Weitmar Mitte' } },
  { key: 'stiepel', name: 'Stiepel', where: { stop: 'Bochum Stiepel Dorf' } },
  { key: 'querenburg', name: 'Querenburg (Hustadt)', where: { stop: 'Bochum Hustadt' } },
  { key: 'altenbochum', name: 'Altenbochum', where: { stop: 'Bochum Altenbochum Kirche' } },
  { key: 'laer', name: 'Laer (Mark 51°7)', where: { stop: 'Bochum Laer Mitte' } },
  { key: 'langendreer', name: 'Langendreer', where: { stop: 'Bochum Langendreer Markt' }, fastKw: [50] },
  { key: 'werne', name: 'Werne', where: { stop: 'Bochum Werne Amt' } },
  { key: 'ruhr-park', name: 'Ruhr Park', where: { stop: 'Bochum Ruhr Park' }, fastKw: [150, 150], large: true },
  { key: 'gerthe', name: 'Gerthe', where: { stop: 'Bochum Gerthe Mitte' } },
  { key: 'riemke', name: 'Riemke', where: { stop: 'Bochum Riemke Markt' } },
  { key: 'hamme', name: 'Hamme', where: { stop: 'Bochum Hamme Kirche' } },
];

/** Chargers stand at the kerb or on the car park forecourt, not on the stop or in the garage entrance. */
const OFFSET_M = 40;

function locate(src: BochumSources, where: Where): LonLat {
  if ('anchor' in where) return anchor(src, where.anchor);
  if ('stop' in where) return stop(src, where.stop);
  const cp = src.carParks.features.find((f) => f.properties.name === where.carPark);
  if (!cp) throw new Error(`car park not found: ${where.carPark}`);
  return cp.geometry.coordinates as LonLat;
}

export function chargingSensors(src: BochumSources, districtOf: DistrictLocator): Feature<Point, ChargingSensor>[] {
  const random = seededRandom(0x5eed_b0c4);
  return SITES.map((site) => {
    const base = locate(src, site.where);
    const bearing = random() * 2 * Math.PI;
    const at = roundPoint(offsetLonLat(base, OFFSET_M * Math.sin(bearing), OFFSET_M * Math.cos(bearing)));
    const acCount = site.large ? 4 + Math.floor(random() * 5) : 2 + Math.floor(random() * 3);
    // 22 kW where the grid connection is strong (hubs), 11 kW wallboxes elsewhere, mixed by chance
    const acKw = site.large || random() < 0.4 ? 22 : 11;
    const kinds = [
      ...(site.fastKw ?? []).map((kw) => ({ connector: 'CCS' as const, maxPowerKw: kw })),
      ...Array.from({ length: acCount }, () => ({ connector: 'Type2' as const, maxPowerKw: acKw })),
    ].slice(0, 8);
    const id = `charging-${site.key}`;
    return {
      type: 'Feature' as const,
      id,
      properties: {
        id,
        kind: 'charging' as const,
        name: `Ladestation ${site.name}`,
        district: districtOf(at),
        synthetic: true,
        source: 'Stadtpuls (synthetisch, kein offenes Ladesäulenregister)',
        operator: 'Stadtwerke Bochum',
        points: kinds.map((k, i) => ({ id: `${id}-${i + 1}`, ...k })),
      },
      geometry: { type: 'Point' as const, coordinates: at },
    };
  });
}
