import { randomBytes } from 'node:crypto';
import { planToGeoJson, type Measure } from '../../common/measures.js';
import { PLAN_LIST_LIMIT, type PlanSummary, type SavedPlan } from '../../common/plans.js';
import { sqlOf, type Sql } from '../auth/sql.js';
import type { HistoryStore } from '../store/history-store.js';

const SUMMARY_COLUMNS = 'id, name, author, created_at AS "createdAt", updated_at AS "updatedAt", measure_count AS "measureCount"';

/** Numbers as numbers: PostgreSQL hands BIGINT back as text. */
function summaryOf(r: PlanSummary): PlanSummary {
  return { id: r.id, name: r.name, author: r.author, createdAt: Number(r.createdAt), updatedAt: r.updatedAt === null ? null : Number(r.updatedAt), measureCount: Number(r.measureCount) };
}

/** A new plan id: `p` and ten base-36 characters (≈ 52 bits: not guessable by walking ids). */
function newPlanId(): string {
  const bytes = randomBytes(10);
  return `p${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
}

/**
 * The planners' saved heat what-if plans, in the history store's database (migration 3), through the
 * store's own connection like the access tables. The measures are stored as the GeoJSON the export
 * writes, so what is read back is what a download of the plan would be.
 */
export class PlanStore {
  constructor(private readonly sql: Sql) {}

  static of(store: HistoryStore): PlanStore {
    return new PlanStore(sqlOf(store));
  }

  async save(p: { name: string; author: string; measures: ReadonlyArray<Measure> }, now: number): Promise<SavedPlan> {
    const id = newPlanId();
    const measures = planToGeoJson(p.measures);
    await this.sql.run('INSERT INTO plans (id, name, author, created_at, measure_count, measures) VALUES (?, ?, ?, ?, ?, ?)', [id, p.name, p.author, now, p.measures.length, JSON.stringify(measures)]);
    return { id, name: p.name, author: p.author, createdAt: now, updatedAt: null, measureCount: p.measures.length, measures };
  }

  /**
   * The plan saved again under its id: name and measures replaced, author and creation time kept
   * (the list stays in the order the plans were made). null when there is no such plan.
   */
  async update(id: string, p: { name: string; measures: ReadonlyArray<Measure> }, now: number): Promise<SavedPlan | null> {
    const measures = planToGeoJson(p.measures);
    const changed = await this.sql.run('UPDATE plans SET name = ?, measure_count = ?, measures = ?, updated_at = ? WHERE id = ?', [p.name, p.measures.length, JSON.stringify(measures), now, id]);
    return changed > 0 ? this.get(id) : null;
  }

  /** Newest first. */
  async list(limit = PLAN_LIST_LIMIT): Promise<PlanSummary[]> {
    const rows = await this.sql.all<PlanSummary>(`SELECT ${SUMMARY_COLUMNS} FROM plans ORDER BY created_at DESC, id LIMIT ?`, [limit]);
    return rows.map(summaryOf);
  }

  async get(id: string): Promise<SavedPlan | null> {
    const [row] = await this.sql.all<PlanSummary & { measures: string }>(`SELECT ${SUMMARY_COLUMNS}, measures FROM plans WHERE id = ?`, [id]);
    if (!row) return null;
    return { ...summaryOf(row), measures: JSON.parse(row.measures) as SavedPlan['measures'] };
  }

  /** true when there was such a plan */
  async remove(id: string): Promise<boolean> {
    return (await this.sql.run('DELETE FROM plans WHERE id = ?', [id])) > 0;
  }
}
