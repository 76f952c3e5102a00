import type { z } from 'zod';
import {
  climateIndicatorsResponseSchema,
  linkHistorySchema,
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
