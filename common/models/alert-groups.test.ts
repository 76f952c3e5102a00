import { describe, expect, it } from 'vitest';
import type { Alert } from '../protocol.js';
import { groupAlerts, wallAlerts } from './alert-groups.js';

let n = 0;
const alert = (over: Partial<Alert>): Alert => {
  n += 1;
  return {
    id: `a${n}`,
    key: `k${n}`,
    kind: 'heat',
    level: 'strong',
    severity: 'low',
    place: { type: 'station', id: `s${n}`, name: `Station ${n}` },
    group: 'heat:mitte',
    groupName: 'Mitte',
    value: 33,
    unit: '°C',
    state: 'unack_active',
    active: true,
    raisedAt: n * 1000,
    levelSince: n * 1000,
    ...over,
  };
};

describe('alert groups', () => {
  it('folds the stations of a district and the district into one group', () => {
    const mitte = Array.from({ length: 12 }, () => alert({}));
    const district = alert({ place: { type: 'district', id: 'mitte', name: 'Mitte' }, level: 'very_strong', severity: 'medium', value: 38.5 });
    const sued = alert({ group: 'heat:sued', groupName: 'Süd' });
    const groups = groupAlerts([...mitte, district, sued]);
    expect(groups.map((g) => [g.id, g.alerts.length])).toEqual([
      ['heat:mitte', 13],
      ['heat:sued', 1],
    ]);
    // the most severe member heads the group and gives it its severity
    expect(groups[0].alerts[0]).toBe(district);
    expect(groups[0].severity).toBe('medium');
    expect(groups[0].unacknowledged).toBe(13);
  });

  it('puts the most severe group first, then groups still waiting for an acknowledgement, then the latest', () => {
    const acked = alert({ group: 'traffic:A40', groupName: 'A40', kind: 'traffic', state: 'ack_active', raisedAt: 9e9 });
    const waiting = alert({ group: 'parking:mitte', groupName: 'Mitte', kind: 'parking', raisedAt: 1 });
    const high = alert({ group: 'sensor:feeds', groupName: 'Datenquellen', kind: 'sensor', severity: 'high', raisedAt: 0 });
    expect(groupAlerts([acked, waiting, high]).map((g) => g.id)).toEqual(['sensor:feeds', 'parking:mitte', 'traffic:A40']);
  });

  it('caps what the wall shows and leaves out shelved and acknowledged alerts', () => {
    const alerts = [
      ...Array.from({ length: 10 }, (_, i) => alert({ group: `g${i}`, groupName: `G${i}` })),
      alert({ group: 'shelved', state: 'shelved' }),
      alert({ group: 'acked', state: 'ack_active' }),
      alert({ group: 'g0', state: 'unack_cleared', active: false }),
    ];
    const wall = wallAlerts(alerts, 4);
    expect(wall.groups).toHaveLength(4);
    expect(wall.hidden).toBe(6);
    expect(wall.groups.flatMap((g) => g.alerts).every((a) => a.state === 'unack_active' || a.state === 'unack_cleared')).toBe(true);
    expect(wallAlerts(alerts, 20).groups.map((g) => g.id)).not.toContain('shelved');
  });
});
