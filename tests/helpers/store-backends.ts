import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The history store back-ends an integration test runs against: SQLite in a temporary file always,
 * PostgreSQL in a fresh schema when one answers on 127.0.0.1:5432 (required under CI, which starts one). Each gives the
 * environment that points a server at it, and removes what it made.
 */
export interface StoreBackend {
  name: 'sqlite' | 'postgres';
  env(): Promise<Record<string, string>>;
  cleanUp(): Promise<void>;
}

const PG_BASE = 'postgres://postgres@127.0.0.1:5432/test';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function sqliteBackend(label: string): StoreBackend {
  const dir = mkdtempSync(path.join(tmpdir(), `stadtpuls-${label}-`));
  return {
    name: 'sqlite',
    env: async () => ({ STADTPULS_DB: path.join(dir, 'history.sqlite') }),
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresBackend(label: string): StoreBackend {
  const schema = `${label.replace(/[^a-z0-9]/g, '_')}_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: PG_BASE });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'postgres',
    async env() {
      await admin(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      return { DATABASE_URL: `${PG_BASE}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    },
    cleanUp: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/** `label` names the temporary file and schema (lower-case letters, digits, _). */
export async function storeBackends(label: string): Promise<StoreBackend[]> {
  const postgres = await postgresAnswers();
  if (!postgres && process.env.CI) throw new Error('CI runs the store tests on PostgreSQL too, and nothing answers on 127.0.0.1:5432');
  return [sqliteBackend(label), ...(postgres ? [postgresBackend(label)] : [])];
}
