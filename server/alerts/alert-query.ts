import { z } from 'zod';
import { ALERT_STATES } from '../../common/models/alert-lifecycle.js';
import { ALERT_KINDS, alertSchema, type Alert } from '../../common/protocol.js';
import type { HistoryStore } from '../store/history-store.js';

const DAY_MS = 86_400_000;
/** The answer names at most this many alerts, the latest raised first. */
export const ALERT_LIST_LIMIT = 1000;

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v.length > 0))
    .pipe(z.array(z.enum(values)))
    .optional();

const time = z.union([z.coerce.number().int(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]).optional();

/** GET /api/alerts query: states and kinds comma-separated, from/to as epoch ms or ISO 8601 with offset. */
export const alertQuerySchema = z.object({ state: list(ALERT_STATES), kind: list(ALERT_KINDS), from: time, to: time });
export type AlertQuery = z.infer<typeof alertQuerySchema>;

/**
 * Alerts that were in the list at some time in [from, to] (default: the last 24 h of city time),
 * each as it was last: open at `from`, or with an event in the window, from the store; the engine's
 * current list on top, since the history writer stores in batches and may be a moment behind.
 */
export async function queryAlerts(store: HistoryStore, run: string, q: AlertQuery, current: readonly Alert[], cityNow: number): Promise<Alert[]> {
  const to = q.to ?? cityNow;
  const from = q.from ?? to - DAY_MS;
  const latest = new Map<string, Alert>();
  const put = (body: unknown) => {
    const parsed = alertSchema.safeParse(body);
    if (parsed.success) latest.set(parsed.data.id, parsed.data);
  };
  for (const body of await store.activeAt(run, 'alert', from)) put(body);
  for (const e of await store.events(run, 'alert', from, to)) put(e.body);
  if (to >= cityNow) for (const a of current) latest.set(a.id, a);
  return [...latest.values()]
    .filter((a) => (!q.state || q.state.includes(a.state)) && (!q.kind || q.kind.includes(a.kind)))
    .sort((a, b) => b.raisedAt - a.raisedAt)
    .slice(0, ALERT_LIST_LIMIT);
}
