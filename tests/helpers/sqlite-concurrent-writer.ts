/**
 * A second process writing a SQLite history file (as the writer worker and a demo recording do beside
 * each other): `tsx tests/helpers/sqlite-concurrent-writer.ts <file> <run> <batches> <seed>`. Prints
 * `{ locked, written, firstAt, lastAt }` as JSON: batches refused with "database is locked", and when
 * its writing began and ended (epoch ms), so the caller can tell the two writers overlapped.
 */
import { SqliteHistoryStore } from '../../server/store/sqlite-store.js';
import { loadSensorIndex } from '../../server/registry.js';
import { entryFor } from '../../server/store/test-entries.js';

export function writeBatches(file: string, run: string, batches: number, seed: number): { locked: number; written: number; firstAt: number; lastAt: number } {
  const store = new SqliteHistoryStore(file);
  const sensors = loadSensorIndex().registry.features.slice(0, 150);
  let state = seed;
  const rnd = () => (state = (state * 16807) % 2147483647) / 2147483647;
  let locked = 0;
  let written = 0;
  const firstAt = Date.now();
  for (let i = 0; i < batches; i++) {
    const entries = sensors.map((f) => entryFor(f, Date.parse('2024-08-13T12:00:00Z') + i * 1000, rnd));
    try {
      store.writeSync(run, { entries, samples: [], events: [] });
      written += 1;
    } catch (e) {
      if (!/locked|busy/i.test((e as Error).message)) throw e;
      locked += 1;
    }
  }
  const lastAt = Date.now();
  store.db.close();
  return { locked, written, firstAt, lastAt };
}

if (process.argv[1]?.endsWith('sqlite-concurrent-writer.ts')) {
  const [file, run, batches, seed] = process.argv.slice(2);
  console.log(JSON.stringify(writeBatches(file!, run!, Number(batches), Number(seed))));
}
