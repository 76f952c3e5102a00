import type { TrafficClosure, TrafficClosurePatch, TrafficClosureRequest } from '../../common/protocol.js';

/** An incident without a stated severity halves the link's capacity (one of two lanes blocked). */
const DEFAULT_INCIDENT_FACTOR = 0.5;

export type AddResult = { ok: true; closure: TrafficClosure } | { ok: false; error: 'unknown_link' | 'already_closed' | 'ends_before_start' };
export type EditResult = { ok: true; closure: TrafficClosure } | { ok: false; error: 'not_found' | 'ends_before_start' | 'not_an_incident' };

/**
 * The closures and incidents in force, and those planned to begin later (roadworks). The traffic
 * twin reads the ones in force on every step and reassigns when `version` moves; the stream sends
 * both lists to clients when it moves. City time moves planned ones into force and ends those
 * with an end time (`advance`, called every tick).
 */
export class ClosureStore {
  private readonly active = new Map<string, TrafficClosure>();
  private readonly plannedById = new Map<string, TrafficClosure>();
  private counter = 0;
  /** bumped on every change */
  version = 0;

  constructor(
    /** street name of each road-graph link, to validate ids and label closures */
    private readonly links: ReadonlyMap<string, string>,
    private readonly cityNow: () => number,
  ) {}

  /** the closures and incidents in force */
  list(): TrafficClosure[] {
    return [...this.active.values()];
  }

  /** the closures set to begin later, soonest first */
  planned(): TrafficClosure[] {
    return [...this.plannedById.values()].sort((a, b) => a.since - b.since);
  }

  get(id: string): TrafficClosure | undefined {
    return this.active.get(id) ?? this.plannedById.get(id);
  }

  add(
    req: TrafficClosureRequest,
    opts: { source?: TrafficClosure['source']; id?: string; until?: number; setBy?: string } = {},
  ): AddResult {
    const street = this.links.get(req.linkId);
    if (street === undefined) return { ok: false, error: 'unknown_link' };
    const now = this.cityNow();
    const since = Math.max(now, req.from ?? now);
    const until = opts.until ?? req.until;
    if (until !== undefined && until <= since) return { ok: false, error: 'ends_before_start' };
    if (this.all().some((c) => c.linkId === req.linkId && overlaps(c, since, until))) return { ok: false, error: 'already_closed' };
    const closure: TrafficClosure = {
      id: opts.id ?? `closure-${++this.counter}`,
      linkId: req.linkId,
      street,
      kind: req.kind,
      capacityFactor: req.kind === 'closure' ? 0 : (req.capacityFactor ?? DEFAULT_INCIDENT_FACTOR),
      ...(req.note ? { note: req.note } : {}),
      since,
      ...(until !== undefined ? { until } : {}),
      source: opts.source ?? 'operator',
      ...(opts.setBy !== undefined ? { setBy: opts.setBy } : {}),
      setAt: now,
    };
    (since > now ? this.plannedById : this.active).set(closure.id, closure);
    this.version += 1;
    return { ok: true, closure };
  }

  /** Changes note, end time or an incident's remaining capacity; the rest of a closure stays as set. */
  edit(id: string, patch: TrafficClosurePatch, editedBy: string): EditResult {
    const current = this.get(id);
    if (!current) return { ok: false, error: 'not_found' };
    if (patch.capacityFactor !== undefined && current.kind !== 'incident') return { ok: false, error: 'not_an_incident' };
    const now = this.cityNow();
    const until = patch.until === undefined ? current.until : (patch.until ?? undefined);
    if (until !== undefined && until <= Math.max(current.since, now)) return { ok: false, error: 'ends_before_start' };
    const { until: _oldUntil, note: _oldNote, ...rest } = current;
    const note = patch.note === undefined ? current.note : patch.note.trim() || undefined;
    const edited: TrafficClosure = {
      ...rest,
      ...(note ? { note } : {}),
      ...(until !== undefined ? { until } : {}),
      ...(patch.capacityFactor !== undefined ? { capacityFactor: patch.capacityFactor } : {}),
      editedBy,
      editedAt: now,
    };
    (this.active.has(id) ? this.active : this.plannedById).set(id, edited);
    this.version += 1;
    return { ok: true, closure: edited };
  }

  /**
   * Brings the lists up to city time: planned closures whose start has come go into force, and
   * those whose end has come are lifted. Returns the ones that ended, with their end time.
   */
  advance(now: number): TrafficClosure[] {
    const ended: TrafficClosure[] = [];
    for (const [id, c] of this.plannedById) {
      if (c.since > now) continue;
      this.plannedById.delete(id);
      this.active.set(id, c);
      this.version += 1;
    }
    for (const [id, c] of this.active) {
      if (c.until === undefined || c.until > now) continue;
      this.active.delete(id);
      ended.push(c);
      this.version += 1;
    }
    return ended;
  }

  /** Puts back closures in force or planned when the previous process of the same run stopped. */
  restore(closures: readonly TrafficClosure[]): void {
    const now = this.cityNow();
    for (const c of closures) {
      if (!this.links.has(c.linkId) || this.get(c.id)) continue;
      if (c.until !== undefined && c.until <= now) continue;
      if (this.all().some((x) => x.linkId === c.linkId && overlaps(x, c.since, c.until))) continue;
      (c.since > now ? this.plannedById : this.active).set(c.id, c);
      // New ids continue after the restored ones, so an id never names two closures.
      const n = Number(/^closure-(\d+)$/.exec(c.id)?.[1] ?? 0);
      this.counter = Math.max(this.counter, n);
    }
    this.version += 1;
  }

  /** Lifts every closure, in force or planned (a scenario switch); returns those lifted. */
  clear(): TrafficClosure[] {
    const lifted = this.all();
    this.active.clear();
    this.plannedById.clear();
    if (lifted.length > 0) this.version += 1;
    return lifted;
  }

  lift(id: string): boolean {
    const removed = this.active.delete(id) || this.plannedById.delete(id);
    if (removed) this.version += 1;
    return removed;
  }

  private all(): TrafficClosure[] {
    return [...this.active.values(), ...this.plannedById.values()];
  }
}

/** whether a closure's time span [since, until) meets [since, until) — absent ends run on forever */
function overlaps(c: TrafficClosure, since: number, until: number | undefined): boolean {
  return c.since < (until ?? Infinity) && since < (c.until ?? Infinity);
}
