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

  lift(id: string): boolean {
    const removed = this.active.delete(id);
    if (removed) this.version += 1;
    return removed;
  }
}
