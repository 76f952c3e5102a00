import type { z } from 'zod';
import {
  climateIndicatorsResponseSchema,
  linkHistorySchema,
  pastStateColumnsSchema,
  pastStateSchema,
  runsResponseSchema,
  seriesHistorySchema,
  type ClimateIndicatorsResponse,
  type HistoryStep,
  type LinkHistory,
  type PastState,
  type RunsResponse,
  type SeriesHistory,
} from '../../../common/history.js';
import { columnsToEntries, decodeColumns } from '../../../common/wire/columns.js';
import type { LiveColumns } from '../live/live-columns.js';
import { inflateRaw } from '../live/inflate.js';
import type { PastCity } from './city-view.js';

/** A refused request: the server's one sentence (historyErrorSchema) or the HTTP status. */
export async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const res = await fetch(url, { signal });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { message?: string } | null)?.message;
    throw new Error(message ?? `${url}: HTTP ${res.status}`);
  }
  return schema.parse(body);
}

/** The city at `at` in the server's current run, or in `run` (a demo tour's recording). */
export function fetchPastState(at: number, signal?: AbortSignal, run?: string): Promise<PastState> {
  return getJson(`/api/state?at=${Math.round(at)}${run ? `&run=${encodeURIComponent(run)}` : ''}`, pastStateSchema, signal);
}

/**
 * The city at `at` in the columnar form, for a page whose live store keeps columns: written into columns of the
 * same registry, with entry objects only for the sensors the live store keeps as entries (not SCALE's generated
 * ones). A server with another registry answers in JSON instead.
 */
export async function fetchPastStateColumns(at: number, live: LiveColumns, signal?: AbortSignal): Promise<PastCity> {
  const body = await getJson(`/api/state?at=${Math.round(at)}&format=columns`, pastStateColumnsSchema, signal);
  if (body.registry !== live.fingerprint) return fetchPastState(at, signal);
  const decoded = decodeColumns(await inflateRaw(Uint8Array.from(atob(body.columns), (c) => c.charCodeAt(0))));
  const columns = live.emptyLike();
  columns.applyAll(decoded);
  const { columns: _bytes, registry: _r, compression: _c, ...rest } = body;
  return { ...rest, entries: decoded.flatMap((c) => columnsToEntries(c, live.ids, columns.keepsEntry)), columns };
}

export function fetchRuns(signal?: AbortSignal): Promise<RunsResponse> {
  return getJson('/api/history/runs', runsResponseSchema, signal);
}

export type SeriesPath = 'sensors' | 'districts' | 'kpis';

function rangeQuery(from: number, to: number, step: HistoryStep): string {
  return `from=${Math.round(from)}&to=${Math.round(to)}&step=${step}`;
}

/** A sensor's or district's series, or the city KPIs (`path` kpis, no id). */
export function fetchSeries(path: SeriesPath, id: string | null, from: number, to: number, step: HistoryStep, signal?: AbortSignal): Promise<SeriesHistory> {
  const base = path === 'kpis' ? '/api/history/kpis' : `/api/history/${path}/${encodeURIComponent(id ?? '')}`;
  return getJson(`${base}?${rangeQuery(from, to, step)}`, seriesHistorySchema, signal);
}

export function fetchLinkSeries(linkId: string, from: number, to: number, step: HistoryStep, signal?: AbortSignal): Promise<LinkHistory> {
  return getJson(`/api/history/links/${encodeURIComponent(linkId)}?${rangeQuery(from, to, step)}`, linkHistorySchema, signal);
}

/** Summer days, hot days and tropical nights per climate station and district over [from, to). */
export function fetchClimateIndicators(from: number, to: number, signal?: AbortSignal): Promise<ClimateIndicatorsResponse> {
  return getJson(`/api/history/climate-indicators?from=${Math.round(from)}&to=${Math.round(to)}`, climateIndicatorsResponseSchema, signal);
}
