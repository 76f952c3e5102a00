import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe } from 'vitest';
import { historyStoreContract } from './history-store.contract.js';
import { SqliteHistoryStore } from './sqlite-store.js';
import { SqliteWorkerSink } from './sqlite-worker-sink.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-store-'));
let files = 0;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite history store', () => {
  historyStoreContract({
    async open() {
      // A directory that does not exist yet: the store creates it.
      const store = new SqliteHistoryStore(path.join(dir, `t${++files}`, 'nested', 'history.sqlite'));
      await store.migrate();
      return store;
    },
    async reopen(store) {
      return new SqliteHistoryStore((store as SqliteHistoryStore).file);
    },
    // As in the server: the writer's batches go to a worker thread with its own connection.
    writerSink: (store) => new SqliteWorkerSink((store as SqliteHistoryStore).file),
  });
});
