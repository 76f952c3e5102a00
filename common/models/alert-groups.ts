import type { Alert, AlertKind, AlertSeverity } from '../protocol.js';

/**
 * Flood control for people: related alerts (the stations and the district of one Stadtbezirk, the
 * detectors and closures of one street, the points of one charging site) show as one group, the
 * most urgent first, so a hot afternoon is six district rows rather than thirty station rows.
 */
export interface AlertGroup {
  id: string;
  name: string;
  kind: AlertKind;
  /** the most severe member's */
  severity: AlertSeverity;
  /** members, the most severe and then the latest first */
  alerts: Alert[];
  /** members waiting for an acknowledgement (unack_active, unack_cleared) */
  unacknowledged: number;
  /** members whose condition is present now */
  active: number;
  /** the latest member's raise, epoch ms */
  latestAt: number;
}

const RANK: Record<AlertSeverity, number> = { high: 3, medium: 2, low: 1 };
export const isUnacknowledged = (a: Pick<Alert, 'state'>): boolean => a.state === 'unack_active' || a.state === 'unack_cleared';

const byUrgency = (a: Alert, b: Alert) => RANK[b.severity] - RANK[a.severity] || Number(b.active) - Number(a.active) || b.raisedAt - a.raisedAt;

export function groupAlerts(alerts: readonly Alert[]): AlertGroup[] {
  const groups = new Map<string, Alert[]>();
  for (const a of alerts) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  return [...groups]
    .map(([id, members]) => {
      const sorted = [...members].sort(byUrgency);
      return {
        id,
        name: sorted[0].groupName,
        kind: sorted[0].kind,
        severity: sorted[0].severity,
        alerts: sorted,
        unacknowledged: sorted.filter(isUnacknowledged).length,
        active: sorted.filter((a) => a.active).length,
        latestAt: Math.max(...sorted.map((a) => a.raisedAt)),
      };
    })
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || Number(b.unacknowledged > 0) - Number(a.unacknowledged > 0) || b.latestAt - a.latestAt);
}

/**
 * What the wall shows: groups with an unacknowledged member, shelved alerts left out, at most `cap`
 * groups (the most urgent), and how many more there are.
 */
export function wallAlerts(alerts: readonly Alert[], cap: number): { groups: AlertGroup[]; hidden: number } {
  const groups = groupAlerts(alerts.filter((a) => a.state !== 'shelved' && isUnacknowledged(a)));
  return { groups: groups.slice(0, cap), hidden: Math.max(0, groups.length - cap) };
}
