import type Database from 'better-sqlite3';
import type pg from 'pg';
import type { HistoryStore } from '../store/history-store.js';
import { PostgresHistoryStore } from '../store/postgres-store.js';
import { SqliteHistoryStore } from '../store/sqlite-store.js';

/**
 * The few queries of the access tables run unchanged on both back-ends of the history store: written
 * with `?` placeholders, numbered for PostgreSQL here. The auth store uses the history store's own
 * connection (SQLite) or pool (PostgreSQL), so it opens nothing of its own.
 */
export interface Sql {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** rows changed */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export function sqliteSql(db: Database.Database): Sql {
  return {
    async all<T>(sql: string, params: unknown[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return db.prepare(sql).run(...params).changes;
    },
  };
}

export function postgresSql(pool: pg.Pool): Sql {
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    async all<T>(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rows as T[];
    },
    async run(sql: string, params: unknown[] = []) {
      return (await pool.query(numbered(sql), params)).rowCount ?? 0;
    },
  };
}

/** The history store's own connection as Sql, for the tables that live beside the history (access, saved plans). */
export function sqlOf(store: HistoryStore): Sql {
  if (store instanceof SqliteHistoryStore) return sqliteSql(store.db);
  if (store instanceof PostgresHistoryStore) return postgresSql(store.pool);
  throw new Error(`no SQL access to the ${store.backend} store`);
}
