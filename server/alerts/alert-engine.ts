import { ALERT_SEVERITIES, type Alert, type AlertKind } from '../../common/protocol.js';
import { RAISED, canAcknowledge, canShelve, stepLifecycle, type Lifecycle, type LifecycleEvent } from '../../common/models/alert-lifecycle.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import type { Condition } from './alert-conditions.js';

const HOUR_MS = 3_600_000;

export type ActionResult = { ok: true; alerts: Alert[] } | { ok: false; error: 'not_found' | 'conflict'; message: string };

export interface AlertStats {
  /** alerts raised since start, per kind */
  raised: Record<AlertKind, number>;
  /** groups that opened (their first member raised while none was in the list) */
  groupsRaised: number;
  /** alerts raised in the last hour of city time */
  raisedLastHour: number;
  /** alerts in the list, per state */
  byState: Record<string, number>;
}

const severityRank = (a: Pick<Alert, 'severity'>) => ALERT_SEVERITIES.indexOf(a.severity);

function toWire(c: Omit<Condition, 'key'> & { key: string; id: string; raisedAt: number; levelSince: number }, l: Lifecycle): Alert {
  return {
    id: c.id,
    key: c.key,
    kind: c.kind,
    level: c.level,
    severity: c.severity,
    place: c.place,
    group: c.group,
    groupName: c.groupName,
    value: c.value,
    unit: c.unit,
    state: l.state,
    active: l.active,
    raisedAt: c.raisedAt,
    levelSince: c.levelSince,
    ...(l.clearedAt !== undefined ? { clearedAt: l.clearedAt } : {}),
    ...(l.acknowledged ? { acknowledgedBy: l.acknowledged.by, acknowledgedAt: l.acknowledged.at, ...(l.acknowledged.comment ? { acknowledgedComment: l.acknowledged.comment } : {}) } : {}),
    ...(l.shelved ? { shelvedUntil: l.shelved.until, shelvedBy: l.shelved.by, shelveReason: l.shelved.reason } : {}),
  };
}

function lifecycleOf(a: Alert): Lifecycle {
  return {
    state: a.state,
    active: a.active,
    ...(a.clearedAt !== undefined ? { clearedAt: a.clearedAt } : {}),
    ...(a.acknowledgedBy !== undefined && a.acknowledgedAt !== undefined ? { acknowledged: { by: a.acknowledgedBy, at: a.acknowledgedAt, ...(a.acknowledgedComment ? { comment: a.acknowledgedComment } : {}) } } : {}),
    ...(a.shelvedUntil !== undefined ? { shelved: { by: a.shelvedBy ?? '?', at: a.raisedAt, until: a.shelvedUntil, reason: a.shelveReason ?? '' } } : {}),
  };
}

/**
 * The alert list: turns the conditions present at each evaluation into alerts with a lifecycle
 * (common/models/alert-lifecycle.ts), takes acknowledgements and shelves, and records every change
 * in the history as an event of stream `alert` (open, update, close) whose body is the alert as it
 * is from then on — lifecycle included, so a restarted server resumes the list as it was.
 */
export class AlertEngine {
  /** the list: every alert not yet cleared, by key (one open occurrence per place and condition) */
  private readonly open = new Map<string, Alert>();
  private readonly raised = { heat: 0, traffic: 0, parking: 0, charging: 0, sensor: 0 } satisfies Record<AlertKind, number>;
  private groupsRaised = 0;
  private readonly raisedTimes: number[] = [];
  private version = 0;

  constructor(private readonly history: HistorySink) {}

  /** Bumped on every change of the list (the stream sends it then). */
  get changes(): number {
    return this.version;
  }

  list(): Alert[] {
    return [...this.open.values()];
  }

  get(id: string): Alert | undefined {
    for (const a of this.open.values()) if (a.id === id) return a;
    return undefined;
  }

  /** Takes up the list a previous process left (bodies of the alert events open at restart). */
  resume(alerts: readonly Alert[]): void {
    for (const a of alerts) if (a.state !== 'cleared') this.open.set(a.key, a);
    if (alerts.length > 0) this.version += 1;
  }

  /**
   * Drops the whole list (a scenario switch: the open alerts belong to the old run), each recorded as
   * ended at `t` (the old run's last city time), so a look back at that run ends them there; the counters stay.
   */
  reset(t: number): void {
    if (this.open.size === 0) return;
    for (const a of this.open.values()) this.history.event({ stream: 'alert', id: a.id, t, action: 'close', body: a });
    this.open.clear();
    this.version += 1;
  }

  /** One evaluation: the conditions present at `t`. */
  apply(conditions: readonly Condition[], t: number): void {
    const present = new Map(conditions.map((c) => [c.key, c]));
    for (const c of conditions) {
      const current = this.open.get(c.key);
      if (!current) {
        this.raise(c, t);
        continue;
      }
      const events: LifecycleEvent[] = [];
      if (severityRank(c) > severityRank(current)) events.push({ type: 'escalate', at: t });
      else if (!current.active) events.push({ type: 'raise', at: t });
      const levelChanged = c.level !== current.level;
      const next = this.step(current, events, {
        level: c.level,
        severity: c.severity,
        value: c.value,
        place: c.place,
        levelSince: levelChanged ? t : current.levelSince,
      });
      this.commit(current, next, t, levelChanged);
    }
    for (const [key, current] of this.open) {
      const events: LifecycleEvent[] = [];
      if (!present.has(key)) events.push({ type: 'clear', at: t });
      events.push({ type: 'time', at: t });
      this.commit(current, this.step(current, events, {}), t, false);
    }
  }

  /** Acknowledges one alert, or every acknowledgeable alert of a group when `idOrGroup` names one. */
  acknowledge(idOrGroup: string, by: string, comment: string | undefined, t: number): ActionResult {
    const targets = this.targets(idOrGroup);
    if (targets.length === 0) return { ok: false, error: 'not_found', message: `no alert or group "${idOrGroup}" in the list` };
    const due = targets.filter((a) => canAcknowledge(a.state));
    if (due.length === 0) return { ok: false, error: 'conflict', message: `"${idOrGroup}" has nothing to acknowledge (state ${targets.map((a) => a.state).join(', ')})` };
    return { ok: true, alerts: due.map((a) => this.commit(a, this.step(a, [{ type: 'ack', at: t, by, comment }], {}), t, false)) };
  }

  /** Shelves one alert or a whole group until `until` (city time). */
  shelve(idOrGroup: string, by: string, until: number, reason: string, t: number): ActionResult {
    const targets = this.targets(idOrGroup);
    if (targets.length === 0) return { ok: false, error: 'not_found', message: `no alert or group "${idOrGroup}" in the list` };
    const due = targets.filter((a) => canShelve(a.state));
    if (due.length === 0) return { ok: false, error: 'conflict', message: `"${idOrGroup}" cannot be shelved` };
    return { ok: true, alerts: due.map((a) => this.commit(a, this.step(a, [{ type: 'shelve', at: t, by, until, reason }], {}), t, false)) };
  }

  stats(cityNow: number): AlertStats {
    while (this.raisedTimes.length > 0 && this.raisedTimes[0] <= cityNow - HOUR_MS) this.raisedTimes.shift();
    const byState: Record<string, number> = { unack_active: 0, ack_active: 0, unack_cleared: 0, shelved: 0 };
    for (const a of this.open.values()) byState[a.state] = (byState[a.state] ?? 0) + 1;
    return { raised: { ...this.raised }, groupsRaised: this.groupsRaised, raisedLastHour: this.raisedTimes.length, byState };
  }

  private targets(idOrGroup: string): Alert[] {
    const one = this.get(idOrGroup);
    if (one) return [one];
    return this.list().filter((a) => a.group === idOrGroup);
  }

  private raise(c: Condition, t: number): void {
    // A group annunciates anew when none of its members is active (cleared ones waiting for acknowledgement do not count).
    if (!this.list().some((a) => a.group === c.group && a.active)) this.groupsRaised += 1;
    this.raised[c.kind] += 1;
    this.raisedTimes.push(t);
    const alert = toWire({ ...c, id: `${c.key}@${t}`, raisedAt: t, levelSince: t }, RAISED);
    this.open.set(c.key, alert);
    this.version += 1;
    this.history.event({ stream: 'alert', id: alert.id, t, action: 'open', body: alert });
  }

  private step(a: Alert, events: LifecycleEvent[], fields: Partial<Alert>): Alert {
    const before = lifecycleOf(a);
    const after = events.reduce(stepLifecycle, before);
    const merged = { ...a, ...fields };
    return after === before ? merged : toWire(merged, after);
  }

  /** Puts `next` in the list (or takes it out once cleared) and records a change of level or state. */
  private commit(current: Alert, next: Alert, t: number, levelChanged: boolean): Alert {
    const stateChanged = next.state !== current.state || next.active !== current.active || next.acknowledgedAt !== current.acknowledgedAt || next.shelvedUntil !== current.shelvedUntil;
    if (next.state === 'cleared') {
      this.open.delete(current.key);
      this.history.event({ stream: 'alert', id: next.id, t, action: 'close', body: next });
    } else {
      this.open.set(current.key, next);
      if (stateChanged || levelChanged) this.history.event({ stream: 'alert', id: next.id, t, action: 'update', body: next });
    }
    if (stateChanged || levelChanged || next.value !== current.value) this.version += 1;
    return next;
  }
}
