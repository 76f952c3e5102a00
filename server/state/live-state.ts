import type { LiveEntry } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';

/**
 * The latest entry of every sensor, plus the set of sensors that changed since the last drain.
 * The stream drains the changes once per tick, so a sensor that reports twice within a tick
 * is sent once, with its newest reading.
 */
export class LiveState {
  private readonly entries = new Map<string, LiveEntry>();
  private changed = new Set<string>();

  get(sensorId: string): LiveEntry | undefined {
    return this.entries.get(sensorId);
  }

  set(entry: LiveEntry): void {
    this.entries.set(entry.reading.sensorId, entry);
    this.changed.add(entry.reading.sensorId);
  }

  /** Forgets the sensors `drop` names (a scenario switch: the old scenario's simulated sensors), changes included. */
  forget(drop: (sensorId: string) => boolean): number {
    let n = 0;
    for (const id of [...this.entries.keys()]) {
      if (!drop(id)) continue;
      this.entries.delete(id);
      this.changed.delete(id);
      n += 1;
    }
    return n;
  }

  /** The entries without a copy, for a pass spread over ticks (a Map's iterator sees later changes, and skips entries forgotten meanwhile). */
  values(): IterableIterator<LiveEntry> {
    return this.entries.values();
  }

  all(): LiveEntry[] {
    return [...this.entries.values()];
  }

  ofKind(kind: SensorKind): LiveEntry[] {
    return this.all().filter((e) => e.reading.kind === kind);
  }

  get size(): number {
    return this.entries.size;
  }

  drainChanged(): LiveEntry[] {
    const out: LiveEntry[] = [];
    for (const id of this.changed) out.push(this.entries.get(id)!);
    this.changed = new Set();
    return out;
  }
}
