import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.js';
import { SqliteHistoryStore } from './sqlite-store.js';
import { writeBatches } from '../../tests/helpers/sqlite-concurrent-writer.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-sqlite-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('two processes writing one SQLite history file', () => {
  // A deferred transaction that reads before it writes failed with "database is locked" whenever the
  // other writer committed in between (513 of 800 batches in one run, 208 of 600 in this test); an immediate one waits its turn.
  it('never refuses a batch as "database is locked" while the other writes', { timeout: 180_000 }, async () => {
    const file = path.join(dir, 'history.db');
    const store = new SqliteHistoryStore(file);
    await store.migrate();
    const mine = await store.openRun({ realtime: false, scenario: 'a', startedAt: 0 });
    const theirs = await store.openRun({ realtime: false, scenario: 'b', startedAt: 0 });
    store.db.close();
    const child = promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'tests/helpers/sqlite-concurrent-writer.ts'), file, theirs.id, '300', '2'], { cwd: REPO_ROOT });
    // start once the other process is writing, so the two overlap
    await new Promise((r) => setTimeout(r, 2500));
    const here = writeBatches(file, mine.id, 300, 1);
    const there = JSON.parse((await child).stdout) as ReturnType<typeof writeBatches>;
    expect(here.firstAt < there.lastAt && there.firstAt < here.lastAt, `overlap: ${JSON.stringify({ here, there })}`).toBe(true);
    expect({ here: here.locked, there: there.locked }).toEqual({ here: 0, there: 0 });
    expect(here.written + there.written).toBe(600);
  });
});
