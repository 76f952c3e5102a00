import type { SensorKind } from '../../../common/readings.js';

export type ExportFormat = 'csv' | 'geojson';

/**
 * GET /api/export for a kind over a time range: CSV of the series in [from, to], GeoJSON of the
 * sensors with their values at `to`. The server picks the step for the range when none is given.
 */
export function exportUrl(kind: SensorKind, format: ExportFormat, from: number, to: number, ids?: readonly string[]): string {
  const q = new URLSearchParams({ kind, format, from: String(Math.round(from)), to: String(Math.round(to)) });
  if (ids && ids.length > 0) q.set('ids', ids.join(','));
  return `/api/export?${q.toString()}`;
}

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/** A file name that says what is inside: stadtpuls-parking-20240813-1300-20240814-1300.csv */
export function exportFileName(what: string, from: number | null, to: number, ext: string): string {
  return `stadtpuls-${what}-${from === null ? '' : `${stamp(from)}-`}${stamp(to)}.${ext}`;
}

/** Saves a blob under a name through a temporary link (no popup, works offline). */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Fetches an export and saves it; a refusal throws the server's sentence (e.g. "range too large: use step=15m"). */
export async function downloadExport(url: string, name: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
  saveBlob(await res.blob(), name);
}
