import { z } from 'zod';
import { canAcknowledge, canShelve } from '../../common/models/alert-lifecycle.js';
import { alertSchema } from '../../common/protocol.js';
import type { AlertEngine } from '../alerts/alert-engine.js';
import type { RedisCommands } from './redis-commands.js';

/** An entry the leader has not refreshed for this long is of an alert it no longer has open: ignored, then removed. */
export const FRESH_MS = 10_000;
const FORGET_MS = 60_000;

/** The alert's operator fields as the wire has them, plus when the leader last wrote them. */
const actionSchema = alertSchema
  .pick({ acknowledgedBy: true, acknowledgedAt: true, acknowledgedComment: true, shelvedUntil: true, shelvedBy: true, shelveReason: true })
  .extend({
    /** wall clock of the leader's last write */
    refreshedAt: z.number(),
  });
type Action = z.infer<typeof actionSchema>;

/**
 * Acknowledgements and shelves of the alerts open now, for nodes that were not there when they were
 * given: the events stream tells running nodes at once, but a node that joins later raises its alerts
 * after those events and would show them unacknowledged. The leader keeps a hash of its open alerts'
 * actions (by alert key) fresh; every other node adopts an action for an alert it has open and lacks it.
 * Only fresh entries count, so an action never carries over to a later occurrence of the same alert.
 */
export class AlertActionsSync {
  constructor(
    private readonly redis: RedisCommands,
    private readonly o: { key: string; alerts: AlertEngine; alertsChanged: () => void; isLeader: () => boolean; cityNow: () => number; wallNow?: () => number },
  ) {}

  /** One beat: adopt what the leader has; the leader then writes its own. Returns how many alerts took an action over. */
  async beat(): Promise<number> {
    const now = (this.o.wallNow ?? Date.now)();
    const raw = await this.redis.sendCommand(['HGETALL', this.o.key]);
    const remote = new Map<string, Action>();
    const stale: string[] = [];
    for (const [key, value] of entriesOf(raw)) {
      let parsed;
      try {
        parsed = actionSchema.safeParse(JSON.parse(value));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) continue;
      if (now - parsed.data.refreshedAt <= FRESH_MS) remote.set(key, parsed.data);
      else if (now - parsed.data.refreshedAt > FORGET_MS) stale.push(key);
    }
    const adopted = this.adopt(remote);
    if (this.o.isLeader()) await this.write(now, stale);
    return adopted;
  }

  private adopt(remote: Map<string, Action>): number {
    let adopted = 0;
    const cityNow = this.o.cityNow();
    for (const local of this.o.alerts.list()) {
      const r = remote.get(local.key);
      if (!r) continue;
      if (r.acknowledgedAt !== undefined && local.acknowledgedAt === undefined && canAcknowledge(local.state)) {
        if (this.o.alerts.acknowledge(local.id, r.acknowledgedBy ?? '?', r.acknowledgedComment, r.acknowledgedAt).ok) adopted += 1;
      }
      const now = this.o.alerts.get(local.id) ?? local;
      if (r.shelvedUntil !== undefined && r.shelvedUntil > cityNow && now.shelvedUntil === undefined && canShelve(now.state)) {
        if (this.o.alerts.shelve(local.id, r.shelvedBy ?? '?', r.shelvedUntil, r.shelveReason ?? '', cityNow).ok) adopted += 1;
      }
    }
    if (adopted > 0) this.o.alertsChanged();
    return adopted;
  }

  private async write(now: number, stale: string[]): Promise<void> {
    const args = ['HSET', this.o.key];
    for (const a of this.o.alerts.list()) {
      if (a.acknowledgedAt === undefined && a.shelvedUntil === undefined) continue;
      const action: Action = {
        ...(a.acknowledgedAt !== undefined ? { acknowledgedAt: a.acknowledgedAt, acknowledgedBy: a.acknowledgedBy, ...(a.acknowledgedComment ? { acknowledgedComment: a.acknowledgedComment } : {}) } : {}),
        ...(a.shelvedUntil !== undefined ? { shelvedUntil: a.shelvedUntil, shelvedBy: a.shelvedBy, shelveReason: a.shelveReason } : {}),
        refreshedAt: now,
      };
      args.push(a.key, JSON.stringify(action));
    }
    const writes: Array<Promise<unknown>> = [];
    if (args.length > 2) writes.push(this.redis.sendCommand(args));
    if (stale.length > 0) writes.push(this.redis.sendCommand(['HDEL', this.o.key, ...stale]));
    await Promise.all(writes);
  }
}

/** HGETALL's reply as [field, value] pairs: RESP2 flat array, RESP3 map (object or Map). */
function entriesOf(raw: unknown): Array<[string, string]> {
  if (raw instanceof Map) return [...raw].map(([k, v]) => [String(k), String(v)]);
  if (Array.isArray(raw)) {
    const out: Array<[string, string]> = [];
    for (let i = 0; i + 1 < raw.length; i += 2) out.push([String(raw[i]), String(raw[i + 1])]);
    return out;
  }
  if (raw && typeof raw === 'object') return Object.entries(raw).map(([k, v]) => [k, String(v)]);
  return [];
}
