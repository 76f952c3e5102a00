import type { TrafficClosure, TrafficClosureRequest } from '../../common/protocol.js';

/** An incident without a stated severity halves the link's capacity (one of two lanes blocked). */
const DEFAULT_INCIDENT_FACTOR = 0.5;

export type AddResult = { ok: true; closure: TrafficClosure } | { ok: false; error: 'unknown_link' | 'already_closed' };

/**
 * The closures and incidents in force. The traffic twin reads them on every step and reassigns
 * when `version` moves; the stream sends the list to clients when it moves.
 */
export class ClosureStore {
  private readonly active = new Map<string, TrafficClosure>();
  private counter = 0;
  /** bumped on every change */
  version = 0;

  constructor(
    /** street name of each road-graph link, to validate ids and label closures */
    private readonly links: ReadonlyMap<string, string>,
    private readonly cityNow: () => number,
  ) {}

  list(): TrafficClosure[] {
    return [...this.active.values()];
  }

  get(id: string): TrafficClosure | undefined {
    return this.active.get(id);
  }

  add(req: TrafficClosureRequest, opts: { source?: TrafficClosure['source']; id?: string; until?: number } = {}): AddResult {
    const street = this.links.get(req.linkId);
    if (street === undefined) return { ok: false, error: 'unknown_link' };
    if (this.list().some((c) => c.linkId === req.linkId)) return { ok: false, error: 'already_closed' };
    const closure: TrafficClosure = {
      id: opts.id ?? `closure-${++this.counter}`,
      linkId: req.linkId,
      street,
      kind: req.kind,
      capacityFactor: req.kind === 'closure' ? 0 : (req.capacityFactor ?? DEFAULT_INCIDENT_FACTOR),
      ...(req.note ? { note: req.note } : {}),
      since: this.cityNow(),
      ...(opts.until !== undefined ? { until: opts.until } : {}),
      source: opts.source ?? 'operator',
    };
    this.active.set(closure.id, closure);
    this.version += 1;
    return { ok: true, closure };
  }

  /** Puts back closures that were in force when the previous process of the same run stopped. */
  restore(closures: readonly TrafficClosure[]): void {
    for (const c of closures) {
      if (!this.links.has(c.linkId) || this.list().some((x) => x.linkId === c.linkId)) continue;
      this.active.set(c.id, c);
      // New ids continue after the restored ones, so an id never names two closures.
      const n = Number(/^closure-(\d+)$/.exec(c.id)?.[1] ?? 0);
      this.counter = Math.max(this.counter, n);
    }
    this.version += 1;
  }

  lift(id: string): boolean {
    const removed = this.active.delete(id);
    if (removed) this.version += 1;
    return removed;
  }
}
