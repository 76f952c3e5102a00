import net from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { historyStoreContract } from './history-store.contract.js';
import { PostgresHistoryStore } from './postgres-store.js';

/**
 * The contract suite on PostgreSQL. Every test gets a schema of its own (stadtpuls_test_<random>,
 * dropped afterwards), so parallel runs never collide. Without a server on 5432 the suite is
 * skipped with a message, except in CI (CI=true), where that is a failure.
 */
const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const { hostname, port } = new globalThis.URL(URL);

function answers(host: string, p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: p, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const available = process.env.CI === 'true' || (await answers(hostname, Number(port || 5432)));
const schemas: string[] = [];

afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
});

if (!available) {
  console.warn(`PostgreSQL history store tests skipped: nothing answers on ${hostname}:${port || 5432}`);
  describe('PostgreSQL history store', () => {
    it.skip(`skipped: nothing answers on ${hostname}:${port || 5432} (set TEST_DATABASE_URL, or start PostgreSQL; in CI this fails)`, () => {});
  });
} else {
  describe('PostgreSQL history store', () => {
    historyStoreContract({
      async open() {
        const schema = `stadtpuls_test_${randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        const store = new PostgresHistoryStore({ connectionString: URL, schema });
        await store.migrate();
        return store;
      },
      async reopen(store) {
        return new PostgresHistoryStore({ connectionString: URL, schema: schemaOf(store) });
      },
      writerSink: (store) => ({
        write: (run, batch) => store.write(run, batch),
        applyRetention: (run, now, policy) => store.applyRetention(run, now, policy),
        deleteEndedRuns: (wallNow, policy, keep) => store.deleteEndedRuns(wallNow, policy, keep),
      }),
    });
  });
}

function schemaOf(store: unknown): string {
  const schema = (store as { opts?: { schema?: string } }).opts?.schema;
  if (schema === undefined) throw new Error('store has no schema of its own');
  return schema;
}
