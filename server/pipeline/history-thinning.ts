import type { LiveEntry } from '../../common/protocol.js';
import type { SeriesSample, StoredEvent } from '../store/history-store.js';
import type { SensorIndex } from '../registry.js';
import type { HistorySink } from './history-sink.js';

/**
 * Keeps a generated (SCALE) sensor's readings in the history at most once per `everyMs` of its own
 * timestamps; every other reading, sample and event passes as it is. At SCALE=100000 SCALE_RATE=1
 * the city accepts 100,000 readings a second, which the history store on one machine does not write
 * (raw rows and three rollups each); one a city minute per generated sensor is 1,700 a second at real
 * time, 16,700 at the simulator's ×10. At the generated kinds' own cadences (bays and nodes every 5 minutes,
 * counters every minute) nothing is thinned out. The live state and the stream still see every reading.
 *
 * When the writer's allowance for generated sensors is more than `BACKLOG_LIMIT` full, a reading that is not
 * its sensor's first is thinned out too, and the sensor's next reading may take its place: a store that
 * writes less than is offered (11,700–14,500 a second against 16,700 at SCALE_RATE=1, bench:scale 1 Dec) then
 * gets every sensor thinned alike rather than a queue of 100,000 entries held for seconds (each one promoted
 * into the old generation and copied on the way) from which new ones are dropped at random, each drop a
 * sensor's interval lost. The allowance stays the size of the city for the first report of every sensor.
 */
/** The share of the writer's allowance for generated sensors above which only first reports pass. */
export const BACKLOG_LIMIT = 0.25;

export class GeneratedHistoryThinning implements HistorySink {
  /** per registry slot: 1 for a generated sensor */
  private readonly generated: Uint8Array;
  /** per registry slot: the timestamp of the last reading kept */
  private readonly lastKept: Float64Array;
  /** readings left out of the history */
  thinned = 0;
  /** of `thinned`, left out because the writer was behind */
  thinnedForBacklog = 0;

  constructor(
    private readonly target: HistorySink,
    private readonly sensors: SensorIndex,
    private readonly everyMs: number,
  ) {
    this.generated = new Uint8Array(sensors.size);
    this.lastKept = new Float64Array(sensors.size).fill(-Infinity);
    for (let slot = 0; slot < sensors.size; slot++) if ((sensors.at(slot).properties as { generated?: boolean }).generated === true) this.generated[slot] = 1;
  }

  entry(entry: LiveEntry): void {
    const slot = this.everyMs > 0 ? this.sensors.slotOf(entry.reading.sensorId) : undefined;
    if (slot !== undefined && this.generated[slot] === 1) {
      const ts = entry.reading.ts;
      const last = this.lastKept[slot];
      // a correction of the reading kept (same timestamp) replaces it in the history, so it passes
      if (ts > last && ts - last < this.everyMs) {
        this.thinned += 1;
        return;
      }
      if (last !== -Infinity && ts > last && (this.target.generatedBacklog?.() ?? 0) > BACKLOG_LIMIT) {
        this.thinned += 1;
        this.thinnedForBacklog += 1;
        return;
      }
      if (ts > last) this.lastKept[slot] = ts;
      // at most one per sensor and interval: the writer holds these apart (its first report is the whole city)
      this.target.entry(entry, true);
      return;
    }
    this.target.entry(entry);
  }

  sample(sample: SeriesSample): void {
    this.target.sample(sample);
  }

  event(event: StoredEvent): void {
    this.target.event(event);
  }
}
