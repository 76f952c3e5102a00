import type { z } from 'zod';
import { defaultStep, HISTORY_STEPS, historyQuerySchema, type HistoryStep } from '../../common/history.js';
import { formatZodError } from '../../common/zod-error.js';
import type { HistoryStore } from '../store/history-store.js';

/**
 * Reading and checking the query of a history or export request. Every check that fails throws a
 * HistoryRefusal, which the routes answer as `{ error, message }` with its status.
 */

export class HistoryRefusal extends Error {
  constructor(
    readonly status: 400 | 404 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A query that zod refused: 400 with every problem named. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new HistoryRefusal(400, 'invalid_query', formatZodError(parsed.error, { whole: 'query', limit: 5 }));
  return parsed.data;
}

const DAY_MS = 86_400_000;

export interface Range {
  from: number;
  to: number;
  step: HistoryStep;
}

/**
 * The range a query asks for: the last 24 h of city time up to now by default, `to` alone reaches
 * 24 h back, `from` alone runs up to now; the step defaults by the length of the range.
 */
export function resolveRange(q: Pick<z.infer<typeof historyQuerySchema>, 'from' | 'to' | 'step'>, cityNow: number): Range {
  const to = q.to ?? Math.max(cityNow, q.from ?? cityNow);
  const from = q.from ?? to - DAY_MS;
  if (from > to) {
    throw new HistoryRefusal(400, 'invalid_range', `from (${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()})`);
  }
  return { from, to, step: q.step ?? defaultStep(to - from) };
}

/** The run a query reads: the one named (which must exist), else the one this server writes. */
export async function resolveRun(store: HistoryStore, named: string | undefined, current: () => string | null): Promise<string> {
  if (named !== undefined) {
    const runs = await store.runs();
    if (!runs.some((r) => r.id === named)) throw new HistoryRefusal(404, 'unknown_run', `no run "${named}" (GET /api/history/runs lists them)`);
    return named;
  }
  const run = current();
  if (run === null) throw new HistoryRefusal(503, 'history_not_ready', 'the history store is still opening; try again in a moment');
  return run;
}

/**
 * Refuses an answer that would hold more than `limit` points, naming the first coarser step that
 * fits (counted, not guessed) or, when none does, asking for a shorter range.
 */
export async function enforcePointLimit(
  count: (step: HistoryStep) => Promise<number>,
  step: HistoryStep,
  limit: number,
  what: string,
): Promise<void> {
  const points = await count(step);
  if (points <= limit) return;
  for (const coarser of HISTORY_STEPS.slice(HISTORY_STEPS.indexOf(step) + 1)) {
    const fewer = await count(coarser);
    if (fewer <= limit) {
      throw new HistoryRefusal(400, 'too_many_points', `${points} points at step=${step} are too many for ${what} (limit ${limit}): use step=${coarser} (${fewer} points) or a shorter range`);
    }
  }
  throw new HistoryRefusal(400, 'too_many_points', `${points} points at step=${step} are too many for ${what} (limit ${limit}), even at the coarsest step: use a shorter range`);
}
