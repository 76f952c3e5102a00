import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STALE_AFTER_MS } from '../common/freshness.js';
import { seededRandom } from '../common/seeded-random.js';
import { loadConfig } from '../server/config.js';
import { Ingest } from '../server/ingest/ingest.js';
import { createLogger } from '../server/logger.js';
import { GeneratedHistoryThinning } from '../server/pipeline/history-thinning.js';
import { openHistory, type OpenedHistory } from '../server/pipeline/open-history.js';
import { loadSensorIndex, withGeneratedSensors } from '../server/registry.js';
import { generateScaleCity, loadScaleGeometry } from '../server/simulator/scale-city.js';
import { ScaleDriver } from '../server/simulator/scale-driver.js';
import { loadScenario } from '../server/simulator/scenario.js';
import { LiveState } from '../server/state/live-state.js';
import { entryFor } from '../server/store/test-entries.js';

/**
 * The first report of a SCALE city (every generated sensor at once) reaches the history whole, wired
 * as the server wires it (app.ts: ingest → GeneratedHistoryThinning → the writer of openHistory, SQLite
 * through its writer thread). At SCALE=100000 it overflowed the writer's bounded queue (100,000 items by
 * default). Here a city of 20,000 against a queue of 10,000 (HISTORY_QUEUE_MAX), to keep the suite
 * quick: the generated sensors' allowance is their number whatever the size (100,000: written in 15 s
 * on the loaded 2-core box, without a drop).
 */
const SENSORS = 20_000;
const QUEUE_MAX = 10_000;
const dir = mkdtempSync(path.join(tmpdir(), 'h4-history-scale-'));
let opened: OpenedHistory | null = null;

afterAll(async () => {
  await opened?.writer.close();
  await opened?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the history at SCALE=${SENSORS}`, () => {
  it('keeps the first report of every generated sensor and every real one, within the thinning interval', async () => {
    const config = loadConfig({ STADTPULS_DB: path.join(dir, 'h4.sqlite'), SCALE: String(SENSORS), HISTORY_QUEUE_MAX: String(QUEUE_MAX) });
    expect(config.store.queueMax).toBeLessThan(SENSORS);
    const generated = generateScaleCity(SENSORS, 1, loadScaleGeometry());
    const registry = loadSensorIndex();
    const sensors = withGeneratedSensors(registry, generated);
    const scenario = loadScenario('normaler-werktag');
    const start = Date.parse(scenario.start);
    let now = start;
    const log = createLogger('silent');
    opened = await openHistory(config.store, { realtime: false, scenario: scenario.id, cityNow: () => now, log, generatedSensors: generated.length });
    const ingest = new Ingest(sensors, new LiveState(sensors), () => now, log);
    const thinning = new GeneratedHistoryThinning(opened.sink, sensors, config.historyGeneratedEveryMs);
    ingest.onAccepted((e) => thinning.entry(e));

    // At once, without a turn of the event loop: harder than the server's feed, which yields between slices.
    const burst = new ScaleDriver(scenario, generated, start, null, scenario.speed).step(start);
    expect(burst).toHaveLength(SENSORS);
    const rnd = seededRandom(4);
    const real = registry.registry.features.map((f) => entryFor(f, start, rnd).reading);
    let accepted = 0;
    for (const r of [...burst, ...real]) if (ingest.submit(r, 'test').status === 'accepted') accepted++;
    expect(accepted).toBe(SENSORS + real.length);
    expect(opened.writer.stats()).toMatchObject({ dropped: 0, queued: accepted, queuedGenerated: SENSORS });

    // Nobody flushes: the writer's timer writes it all, well within the interval the thinning keeps.
    const began = Date.now();
    while (Date.now() - began < config.historyGeneratedEveryMs && opened.writer.stats().written < accepted) await new Promise((r) => setTimeout(r, 100));
    expect(opened.writer.stats()).toMatchObject({ written: accepted, dropped: 0, failed: 0, queued: 0 });
    now = start + 1_000;
    const stored = await opened.store.stateAt(opened.run.id, now, (kind) => STALE_AFTER_MS[kind]);
    expect(stored.length).toBe(accepted);
    expect(stored.filter((e) => e.reading.sensorId.startsWith('gen-')).length).toBe(SENSORS);
  }, 120_000);
});
