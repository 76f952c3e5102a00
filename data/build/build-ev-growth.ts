/**
 * data/mobility/ev-growth.json: electric vehicles and cars registered in Bochum at each year's end
 * (and the latest month), from the city's vehicle inventory (mobility/vehicle_inventory.csv, CC0);
 * data/mobility/ev-monthly.json: the same for every month (the e-mobility panel's chart, issue 11).
 * `tsx data/build/build-ev-growth.ts`; BOCHUM_DATA_DIR as for the other builders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evGrowthSchema } from '../../common/tour.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = path.join(process.env.BOCHUM_DATA_DIR ?? path.resolve(repoRoot, '../shared/data/bochum'), 'mobility/vehicle_inventory.csv');
const [header, ...lines] = readFileSync(source, 'utf8').trim().split(/\r?\n/);
const cols = header.split(',');
const at = (name: string) => {
  const i = cols.indexOf(name);
  if (i < 0) throw new Error(`${source}: no column ${name}`);
  return i;
};
const [iDate, iEv, iCars] = [at('Datum'), at('Elektrofahrzeuge'), at('Personenkraftwagen')];
const rows = lines.map((l) => l.split(',')).map((c) => ({ date: c[iDate], electric: Number(c[iEv]), cars: Number(c[iCars]) }));
const SOURCE = 'Stadt Bochum open data, vehicle inventory (CC0 1.0), StadtBochum/OpenData data/TRAN/vehicle_inventory';
const write = (file: string, points: typeof rows) => {
  const out = evGrowthSchema.parse({ source: SOURCE, points });
  writeFileSync(path.join(repoRoot, 'data/mobility', file), `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${file}: ${out.points.length} points, ${out.points[0].electric} → ${out.points.at(-1)!.electric} electric vehicles`);
};
write('ev-growth.json', rows.filter((r, i) => r.date.endsWith('-12-31') || i === rows.length - 1));
write('ev-monthly.json', rows);
