import fs from 'node:fs';
import path from 'node:path';
import type { ClimateReading } from '../../common/readings.js';
import { EcowittHeaderError, parseEcowittCsv, type BadRow } from './ecowitt-csv.js';

/**
 * Loads a folder of Ecowitt daily exports named `bochum_ecowitt_gw2001_<MAC12HEX>_<YYYY-MM-DD>.csv`
 * (the open-data portal's naming). The station is known only from the file name, so the MAC
 * is taken from there; other files in the folder (station lists, metadata JSON) are ignored.
 *
 * Nothing about one file stops the others: a file for a MAC the mapping does not know is
 * reported (sensorId null, its rows still counted so the report shows what was left out, but
 * none accepted), and a file without a recognisable header is reported with `error`.
 * Duplicates are removed within a file only; the ingest path drops any across files.
 */

export interface EcowittFileReport {
  file: string;
  /** `AA:BB:CC:DD:EE:FF` */
  mac: string;
  sensorId: string | null;
  rows: number;
  /** readings taken into the result (always 0 for an unknown MAC or a header error) */
  accepted: number;
  bad: BadRow[];
  /** why the file could not be read at all */
  error?: string;
}

export interface EcowittDirectoryResult {
  /** all accepted readings, by time (then sensor id, for a stable order) */
  readings: ClimateReading[];
  /** one per export file, by MAC, then date */
  files: EcowittFileReport[];
  /** normalised MACs that have export files but no sensor id */
  unknownMacs: string[];
}

const EXPORT_FILE = /^bochum_ecowitt_gw2001_([0-9a-f]{12})_(\d{4}-\d{2}-\d{2})\.csv$/i;

// Only used to count the rows of a file for an unknown MAC; never leaves this module.
const PLACEHOLDER_ID = 'unmapped';

/** `943cc64265d3`, `94-3C-C6-42-65-D3`, … → `94:3C:C6:42:65:D3`; undefined if it is not a 48-bit MAC. */
export function normaliseMac(text: string): string | undefined {
  const hex = text.trim().replace(/[:.\-\s]/g, '');
  if (!/^[0-9a-f]{12}$/i.test(hex)) return undefined;
  return hex.toUpperCase().match(/../g)!.join(':');
}

export function loadEcowittDirectory(
  dir: string,
  macToSensorId: (mac: string) => string | undefined,
): EcowittDirectoryResult {
  const exports = fs
    .readdirSync(dir)
    .flatMap((file) => {
      const m = EXPORT_FILE.exec(file);
      return m ? [{ file, mac: normaliseMac(m[1])!, date: m[2] }] : [];
    })
    .sort((a, b) => compare(a.mac, b.mac) || compare(a.date, b.date) || compare(a.file, b.file));
  const readings: ClimateReading[] = [];
  const files: EcowittFileReport[] = [];
  const unknownMacs = new Set<string>();

  for (const { file, mac } of exports) {
    const sensorId = macToSensorId(mac) ?? null;
    if (sensorId === null) unknownMacs.add(mac);
    const report: EcowittFileReport = { file, mac, sensorId, rows: 0, accepted: 0, bad: [] };
    files.push(report);
    try {
      const parsed = parseEcowittCsv(fs.readFileSync(path.join(dir, file), 'utf8'), { sensorId: sensorId ?? PLACEHOLDER_ID });
      report.rows = parsed.rows;
      report.bad = parsed.bad;
      if (sensorId !== null) {
        report.accepted = parsed.readings.length;
        readings.push(...parsed.readings);
      }
    } catch (err) {
      if (!(err instanceof EcowittHeaderError)) throw err;
      report.error = err.message;
    }
  }

  readings.sort((a, b) => a.ts - b.ts || compare(a.sensorId, b.sensorId));
  return { readings, files, unknownMacs: [...unknownMacs].sort() };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
