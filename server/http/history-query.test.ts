import { describe, expect, it } from 'vitest';
import { historyQuerySchema, type HistoryStep } from '../../common/history.js';
import { enforcePointLimit, HistoryRefusal, parseQuery, resolveRange } from './history-query.js';

const NOW = Date.parse('2024-08-13T13:00:00Z');
const H = 3_600_000;

function refusal(fn: () => unknown): HistoryRefusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof HistoryRefusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseQuery', () => {
  it('reads ISO instants with offset and epoch ms alike', () => {
    const q = parseQuery(historyQuerySchema, { from: '2024-08-13T15:00:00+02:00', to: String(NOW + H), step: '15m' });
    expect(q).toEqual({ from: NOW, to: NOW + H, step: '15m' });
  });

  it.each([
    ['an unknown step', { step: '5m' }, /^step: /],
    ['an unparseable instant', { from: 'yesterday' }, /^from: /],
    ['an ISO instant without offset', { to: '2024-08-13T15:00:00' }, /^to: /],
    ['epoch seconds instead of ms', { from: '1723554000' }, /^from: /],
  ])('refuses %s with 400 naming the parameter', (_what, query, message) => {
    const r = refusal(() => parseQuery(historyQuerySchema, query));
    expect(r.status).toBe(400);
    expect(r.code).toBe('invalid_query');
    expect(r.message).toMatch(message);
  });
});

describe('resolveRange', () => {
  it('defaults to the last 24 h of city time and the step for that range', () => {
    expect(resolveRange({}, NOW)).toEqual({ from: NOW - 24 * H, to: NOW, step: '1m' });
  });

  it('reaches 24 h back from `to`, and from `from` up to now', () => {
    expect(resolveRange({ to: NOW - H }, NOW)).toMatchObject({ from: NOW - 25 * H, to: NOW - H });
    expect(resolveRange({ from: NOW - H }, NOW)).toEqual({ from: NOW - H, to: NOW, step: 'raw' });
  });

  it('keeps an explicit step', () => {
    expect(resolveRange({ from: NOW - 30 * 24 * H, to: NOW, step: '15m' }, NOW).step).toBe('15m');
  });

  it('refuses from after to', () => {
    const r = refusal(() => resolveRange({ from: NOW, to: NOW - 1 }, NOW));
    expect([r.status, r.code]).toEqual([400, 'invalid_range']);
    expect(r.message).toContain('is after to');
  });
});

describe('enforcePointLimit', () => {
  const counts: Record<HistoryStep, number> = { raw: 50_000, '1m': 12_000, '15m': 800, '1h': 200 };
  const count = async (s: HistoryStep) => counts[s];

  it('lets an answer within the limit through', async () => {
    await expect(enforcePointLimit(count, '1m', 20_000, 'one response')).resolves.toBeUndefined();
  });

  it('names the first coarser step that fits, with its count', async () => {
    const err = await enforcePointLimit(count, 'raw', 10_000, 'one response').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HistoryRefusal);
    expect((err as HistoryRefusal).message).toBe('50000 points at step=raw are too many for one response (limit 10000): use step=15m (800 points) or a shorter range');
  });

  it('asks for a shorter range when even 1 h is too fine', async () => {
    const err = (await enforcePointLimit(count, '1m', 100, 'one file').catch((e: unknown) => e)) as HistoryRefusal;
    expect(err.code).toBe('too_many_points');
    expect(err.message).toContain('use a shorter range');
  });
});
