/**
 * Derives data/trees/treesense-2023-24.json, the soil-moisture history of the city's five TreeSense
 * sensors in street trees (June 2023 – May 2024), from the open-data exports.
 * Converted, not copied: two of the five columns (moisture content, temperature), one reading per
 * UTC hour (the first of the hour; moisture changes over days), in UTC minutes since the start.
 * Positions come from the export's README table (WGS84 already, no UTM conversion needed).
 * Also writes data/trees/tree-sensors.geojson, the five sensors as registry entries (kind `tree`),
 * which the server loads beside data/sensors.geojson.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeSenseSeriesSchema, type TreeSenseSeries } from '../../common/treesense-series.js';
import { parseTreeSenseCsv } from '../../server/importers/treesense-csv.js';
import { insideRings } from '../../common/models/heat-anomaly.js';
import { sensorRegistrySchema, type SensorRegistry } from '../../common/sensors.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = path.join(process.env.BOCHUM_DATA_DIR ?? path.resolve(repoRoot, '../shared/data/bochum'), 'trees');
const outDir = process.env.STADTPULS_DATA_OUT ?? path.join(repoRoot, 'data');
const outFile = path.join(outDir, 'trees/treesense-2023-24.json');
const registryFile = path.join(outDir, 'trees/tree-sensors.geojson');

/** From trees/treesense_README.md (the city's table of the five sensors); species in English for the ids. */
const SENSORS = [
  { sensorId: 'tree-linde-1', devEui: 'A840416C818718D7', name: 'Linde 1', species: 'lime', lat: 51.470249, lon: 7.226812 },
  { sensorId: 'tree-linde-2', devEui: 'A840414AA18718B8', name: 'Linde 2', species: 'lime', lat: 51.459495, lon: 7.215148 },
  { sensorId: 'tree-linde-3', devEui: 'A84041EAD1871699', name: 'Linde 3', species: 'lime', lat: 51.464698, lon: 7.25663 },
  { sensorId: 'tree-esche-4', devEui: 'A8404109918718E8', name: 'Esche 4', species: 'ash', lat: 51.468589, lon: 7.271047 },
  { sensorId: 'tree-spitzahorn-5', devEui: 'A8404144C1871697', name: 'Spitzahorn 5', species: 'norway-maple', lat: 51.475345, lon: 7.251095 },
];

// Cross-check the table against the README so a changed source is noticed, not silently mis-placed.
const readme = readFileSync(path.join(sourceDir, 'treesense_README.md'), 'utf8');
for (const s of SENSORS) {
  const row = readme.split('\n').find((l) => l.includes(s.devEui));
  if (!row || !row.includes(String(s.lat)) || !row.includes(String(s.lon))) throw new Error(`treesense_README.md no longer lists ${s.devEui} at ${s.lat}, ${s.lon}`);
}

const HOUR = 3_600_000;
const parsed = SENSORS.map((s) => ({ s, file: parseTreeSenseCsv(readFileSync(path.join(sourceDir, `treesense_${s.devEui}.csv`), 'utf8')) }));
const start = Math.min(...parsed.map((p) => p.file.rows[0]?.ts ?? Infinity));
const startHour = Math.floor(start / HOUR) * HOUR;

const series: TreeSenseSeries = {
  description:
    'TreeSense Pulse sensors in five Bochum street trees, June 2023 – May 2024, one reading per hour; rows: [minute since start, moisturePct (vendor moisture content, 100 = saturated), tempC (sensor temperature)].',
  source: 'Stadt Bochum open data (CC0 1.0), StadtBochum/OpenData data/ENVI/treesense',
  start: startHour,
  sensors: parsed.map(({ s, file }) => {
    const rows: TreeSenseSeries['sensors'][number]['rows'] = [];
    let hour = -Infinity;
    for (const r of file.rows) {
      const h = Math.floor(r.ts / HOUR);
      if (h === hour) continue;
      hour = h;
      rows.push([Math.round((r.ts - startHour) / 60_000), r.moisturePct, Math.round(r.tempC * 10) / 10]);
    }
    return { ...s, rows };
  }),
};
treeSenseSeriesSchema.parse(series);
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(series));

// The registry entries: district by the same polygons as the other sites (data/city/districts.geojson).
const districts = (JSON.parse(readFileSync(path.join(repoRoot, 'data/city/districts.geojson'), 'utf8')) as {
  features: Array<{ properties: { name: string }; geometry: { coordinates: Array<Array<[number, number]>> } }>;
}).features;
const registry: SensorRegistry = {
  type: 'FeatureCollection',
  features: SENSORS.map((s) => {
    const district = districts.find((d) => insideRings(d.geometry.coordinates, s.lon, s.lat))?.properties.name;
    if (!district) throw new Error(`${s.sensorId} at ${s.lat}, ${s.lon} lies in no Stadtbezirk`);
    return {
      type: 'Feature',
      id: s.sensorId,
      properties: {
        id: s.sensorId,
        kind: 'tree',
        name: s.name,
        district,
        synthetic: false,
        source: 'Stadt Bochum, TreeSense-Sensoren in Straßenbäumen (Open Data, CC0 1.0)',
        devEui: s.devEui,
        species: s.species,
      },
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    };
  }),
};
sensorRegistrySchema.parse(registry);
writeFileSync(registryFile, `${JSON.stringify(registry, null, 0).replace(/\{"type":"Feature"/g, '\n{"type":"Feature"')}\n`);

console.log(
  JSON.stringify({
    file: path.relative(repoRoot, outFile),
    registry: path.relative(repoRoot, registryFile),
    sensors: parsed.map(({ s, file }) => ({ sensorId: s.sensorId, read: file.rows.length, bad: file.bad.length, firstBad: file.bad[0], hourly: series.sensors.find((x) => x.sensorId === s.sensorId)!.rows.length })),
    from: new Date(startHour).toISOString(),
  }),
);
