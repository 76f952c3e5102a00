/**
 * Reads a TreeSense Pulse export of the city (one file per sensor in a street tree, `;`-separated):
 * `time;resistance;temperature;resis_temp_comp;moisture_content`, time as `d.m.yy H:MM` without an
 * offset. The clock is read as UTC: the exports know no daylight saving (31 March 2024 has readings
 * at 2:05–2:50, an hour Berlin skipped; 29 October 2023 passes 2:00–3:00 once), and July's mean
 * temperature is lowest at 3–4 o'clock, before a Bochum sunrise of about 5:30 summer time = 3:30 UTC.
 * Keeps what a reading needs: the moisture content (%, the vendor's figure
 * derived from the temperature-compensated resistance) and the sensor's temperature (°C).
 *
 * Each bad line is reported with its number, never guessed; a time not after the line before (a
 * resend) is one of them.
 */
export interface TreeSenseRow {
  ts: number;
  moisturePct: number;
  tempC: number;
}

export interface TreeSenseFile {
  rows: TreeSenseRow[];
  bad: Array<{ line: number; reason: string }>;
}

const HEADER = ['time', 'resistance', 'temperature', 'resis_temp_comp', 'moisture_content'];
const TIME = /^(\d{1,2})\.(\d{1,2})\.(\d{2}) (\d{1,2}):(\d{2})$/;

/** `d.m.yy H:MM` UTC → epoch ms, or null when unreadable or impossible (31.2., 25:00). */
export function parseTreeSenseTime(text: string): number | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [day, month, yy, hour, minute] = m.slice(1).map(Number);
  const year = 2000 + yy;
  const ts = Date.UTC(year, month - 1, day, hour, minute);
  const back = new Date(ts);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1 || hour > 23 || minute > 59) return null;
  return ts;
}

export function parseTreeSenseCsv(text: string): TreeSenseFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim().split(';');
  if (!header || HEADER.some((name, i) => header[i] !== name)) {
    return { rows: [], bad: [{ line: 1, reason: `unexpected header "${lines[0]?.slice(0, 80) ?? ''}", want ${HEADER.join(';')}` }] };
  }
  const rows: TreeSenseRow[] = [];
  const bad: TreeSenseFile['bad'] = [];
  let lastTs = -Infinity;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const cells = line.split(';');
    if (cells.length !== HEADER.length) {
      bad.push({ line: i + 1, reason: `${cells.length} cells, want ${HEADER.length}` });
      continue;
    }
    const ts = parseTreeSenseTime(cells[0]);
    const tempC = Number(cells[2]);
    const moisturePct = Number(cells[4]);
    if (ts === null) bad.push({ line: i + 1, reason: `unreadable time "${cells[0].slice(0, 40)}"` });
    else if (cells[2] === '' || !Number.isFinite(tempC)) bad.push({ line: i + 1, reason: `temperature "${cells[2].slice(0, 40)}" is not a number` });
    else if (cells[4] === '' || !Number.isFinite(moisturePct) || moisturePct < 0 || moisturePct > 100) {
      bad.push({ line: i + 1, reason: `moisture content "${cells[4].slice(0, 40)}" is not a percentage` });
    } else if (ts <= lastTs) bad.push({ line: i + 1, reason: `time ${cells[0]} not after the line before (a resend?)` });
    else {
      rows.push({ ts, moisturePct, tempC });
      lastTs = ts;
    }
  }
  return { rows, bad };
}
