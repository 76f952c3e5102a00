import type { LiveEntry } from '../../common/protocol.js';
import type { SeriesSample, StoredEvent } from '../store/history-store.js';
import type { SensorIndex } from '../registry.js';
import type { HistorySink } from './history-sink.js';

/**
 * Keeps a generated (SCALE) sensor's readings in the history at most once per `everyMs` of its own
 * timestamps; every other reading, sample and event passes as it is. At SCALE=100000 SCALE_RATE=1
 * the city accepts 100,000 readings a second, which the history store on one machine does not write
 * (raw rows and three rollups each); one a minute per generated sensor is 1,700 a second. At the
 * generated kinds' own cadences (bays and nodes every 5 minutes, counters every minute) nothing is
 * thinned out. The live state and the stream still see every reading.
 */
export class GeneratedHistoryThinning implements HistorySink {
  /** per registry slot: 1 for a generated sensor */
  private readonly generated: Uint8Array;
  /** per registry slot: the timestamp of the last reading kept */
  private readonly lastKept: Float64Array;
  /** readings left out of the history */
  thinned = 0;

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
