/**
 * Derives data/climate/hitzewelle-2024-08.json, the recorded series the "Hitzewelle August 2024"
 * scenario replays, from the city's smart-bench exports of 8–16 August 2024. Runs after the city
 * model (it maps each bench's MAC to its sensor id in data/sensors.geojson).
 * Converted, not copied: five columns of the 24, in the reading model's units, rounded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClimateSeries } from '../../common/climate-series.js';
import { sensorRegistrySchema } from '../../common/sensors.js';
import { loadEcowittDirectory, normaliseMac } from '../../server/importers/ecowitt-directory.js';
import { readJsonFile } from '../../server/json-file.js';
import { fillSyntheticStations } from './heatwave-fill.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = path.join(process.env.BOCHUM_DATA_DIR ?? path.resolve(repoRoot, '../shared/data/bochum'), 'climate/ecowitt');
const outFile = path.join(process.env.STADTPULS_DATA_OUT ?? path.join(repoRoot, 'data'), 'climate/hitzewelle-2024-08.json');

const registry = readJsonFile(path.join(repoRoot, 'data/sensors.geojson'), sensorRegistrySchema, 'sensor registry');
const byMac = new Map(
  registry.features.flatMap((f) => (f.properties.kind === 'climate' && f.properties.mac ? [[normaliseMac(f.properties.mac)!, f.id] as const] : [])),
);

const result = loadEcowittDirectory(sourceDir, (mac) => byMac.get(mac));
const start = Date.parse('2024-08-08T00:00:00+02:00');
const rows = new Map<string, ClimateSeries['stations'][number]['rows']>();
for (const r of result.readings) {
  const list = rows.get(r.sensorId) ?? [];
  const v = r.values;
  list.push([Math.round((r.ts - start) / 60_000), v.airTempC, v.relHumidityPct, v.windKmh, v.solarWm2]);
  rows.set(r.sensorId, list);
}

const measured = [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([sensorId, r]) => ({ sensorId, rows: r }));
const climate = registry.features.filter((f) => f.properties.kind === 'climate' && f.geometry.type === 'Point');
const positions = new Map(climate.map((f) => [f.id, f.geometry.coordinates as [number, number]] as const));
const derived = fillSyntheticStations(
  measured,
  positions,
  climate.filter((f) => f.properties.synthetic).map((f) => ({ sensorId: f.id, at: positions.get(f.id)! })),
);

const series: ClimateSeries = {
  description:
    'Smart-bench climate measurements in Bochum, 8–16 August 2024 (5-minute values); rows: [minute since start, airTempC, relHumidityPct, windKmh at bench height, solarWm2]. Stations with derivedFrom are the synthetic gap-fillers, interpolated from the real benches (inverse-distance weighting, data/build/heatwave-fill.ts).',
  source: 'Stadt Bochum open data (CC0 1.0), StadtBochum/OpenData data/ENVI/ecowitt_gw2001',
  start,
  stations: [...measured, ...derived],
};
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(series));

const bad = result.files.reduce((n, f) => n + f.bad.length, 0);
console.log(
  JSON.stringify({
    file: path.relative(repoRoot, outFile),
    files: result.files.length,
    stations: measured.length,
    derivedStations: derived.length,
    benchesWithoutExports: registry.features.filter((f) => f.properties.kind === 'climate' && f.properties.noDataReason).map((f) => f.id),
    readings: result.readings.length,
    badRows: bad,
    unknownMacs: result.unknownMacs,
  }),
);
