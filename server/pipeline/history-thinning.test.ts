import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import { loadSensorIndex, withGeneratedSensors } from '../registry.js';
import { generateScaleCity, loadScaleGeometry } from '../simulator/scale-city.js';
import { BACKLOG_LIMIT, GeneratedHistoryThinning } from './history-thinning.js';

const registry = loadSensorIndex();
const sensors = withGeneratedSensors(registry, generateScaleCity(50, 1, loadScaleGeometry()));
const real = registry.ofKind('parking')[0].id;
const bay = sensors.registry.features.find((f) => f.properties.kind === 'parking' && (f.properties as { generated?: boolean }).generated)!.id;
const entry = (sensorId: string, ts: number, freeSpaces = 1): LiveEntry => ({
  reading: { sensorId, kind: 'parking', ts, values: { freeSpaces, open: true } },
  derived: { kind: 'parking', capacity: 1, occupancyPct: 0 },
  receivedAt: ts,
});

function sink(everyMs: number) {
  const kept: LiveEntry[] = [];
  const thinning = new GeneratedHistoryThinning({ entry: (e) => kept.push(e), sample() {}, event() {} }, sensors, everyMs);
  return { thinning, kept: () => kept.map((e) => [e.reading.sensorId, e.reading.ts, e.reading.kind === 'parking' ? e.reading.values.freeSpaces : null]) };
}

describe('GeneratedHistoryThinning', () => {
  it('keeps a generated sensor once a minute, a real sensor every time, and a correction of a kept reading', () => {
    const { thinning, kept } = sink(60_000);
    for (let s = 0; s <= 130; s += 1) {
      thinning.entry(entry(bay, s * 1000));
      thinning.entry(entry(real, s * 1000));
    }
    thinning.entry(entry(bay, 120_000, 0)); // corrects the reading kept at 120 s
    thinning.entry(entry(bay, 121_000, 0)); // corrects one thinned out: still out
    const bays = kept().filter(([id]) => id === bay);
    expect(bays).toEqual([
      [bay, 0, 1],
      [bay, 60_000, 1],
      [bay, 120_000, 1],
      [bay, 120_000, 0],
    ]);
    expect(kept().filter(([id]) => id === real)).toHaveLength(131);
    expect(thinning.thinned).toBe(131 - 3 + 1);
  });

  it('thins nothing at 0 or at the generated kinds\' own cadence', () => {
    const off = sink(0);
    for (let s = 0; s < 10; s += 1) off.thinning.entry(entry(bay, s * 1000));
    expect(off.kept()).toHaveLength(10);
    const cadence = sink(60_000);
    for (let m = 0; m < 10; m += 1) cadence.thinning.entry(entry(bay, m * 60_000));
    expect(cadence.kept()).toHaveLength(10);
  });

  it("passes only first reports while the writer's allowance is over a quarter full, and the next reading takes a thinned one's place", () => {
    const kept: LiveEntry[] = [];
    let backlog = 0;
    const bays = sensors.registry.features.filter((f) => (f.properties as { generated?: boolean }).generated).map((f) => f.id);
    const thinning = new GeneratedHistoryThinning({ entry: (e) => kept.push(e), sample() {}, event() {}, generatedBacklog: () => backlog }, sensors, 60_000);
    backlog = 0.9;
    // every sensor's first report passes, however full the allowance
    for (const id of bays) thinning.entry(entry(id, 0));
    expect(kept).toHaveLength(bays.length);
    // a minute on, behind: thinned out (counted), and the interval not used up
    thinning.entry(entry(bay, 60_000));
    thinning.entry(entry(real, 60_000));
    expect(kept.map((e) => [e.reading.sensorId, e.reading.ts]).slice(bays.length)).toEqual([[real, 60_000]]);
    expect([thinning.thinned, thinning.thinnedForBacklog]).toEqual([1, 1]);
    // caught up: the next reading is kept at once, not a minute later
    backlog = BACKLOG_LIMIT;
    thinning.entry(entry(bay, 61_000));
    expect(kept.at(-1)!.reading.ts).toBe(61_000);
    thinning.entry(entry(bay, 62_000));
    expect(kept.at(-1)!.reading.ts).toBe(61_000);
  });
});
