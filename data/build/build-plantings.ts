/**
 * data/city/plantings.geojson: the city's street-tree plantings and fellings (the planting register,
 * trees/tree_planting_felling_register.csv, CC0 1.0) as points with the number of trees, for the heat
 * what-if ("geplante und realisierte Pflanzungen"). Served with the basemap under /city/.
 * `tsx data/build/build-plantings.ts`; BOCHUM_DATA_DIR as for the other builders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { insideRings } from '../../common/models/heat-anomaly';
import { parsePlantings } from './plantings';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = path.join(process.env.BOCHUM_DATA_DIR ?? path.resolve(repoRoot, '../shared/data/bochum'), 'trees/tree_planting_felling_register.csv');
// The source is Latin-1 with its umlauts already lost; reading it as Latin-1 keeps every byte one character.
const csv = readFileSync(source, 'latin1');
const districts = (JSON.parse(readFileSync(path.join(repoRoot, 'data/city/districts.geojson'), 'utf8')) as {
  features: Array<{ properties: { name: string }; geometry: { coordinates: Array<Array<[number, number]>> } }>;
}).features;
const districtOf = (at: [number, number]) => districts.find((d) => insideRings(d.geometry.coordinates, at[0], at[1]))?.properties.name ?? 'außerhalb';

const { rows, skipped } = parsePlantings(csv, districtOf);
for (const s of skipped) console.warn(`plantings: row ${s.id} left out: ${s.why}`);
const out = {
  type: 'FeatureCollection',
  name: 'plantings',
  attribution: 'Stadt Bochum Open Data, Baumpflanzungen und -fällungen (StadtBaumKonzept), StadtBochum/OpenData data/ENVI/tree_register (CC0 1.0)',
  features: rows.map((r) => ({ type: 'Feature', id: r.properties.id, properties: r.properties, geometry: { type: 'Point', coordinates: r.at } })),
};
writeFileSync(path.join(repoRoot, 'data/city/plantings.geojson'), `${JSON.stringify(out, null, 0).replace(/\{"type":"Feature"/g, '\n{"type":"Feature"')}\n`);
const trees = (kind: string) => rows.filter((r) => r.properties.kind === kind).reduce((a, r) => a + r.properties.count, 0);
console.log(`plantings: ${rows.length} rows (${skipped.length} left out), ${trees('planting')} trees planted, ${trees('felling')} felled`);
