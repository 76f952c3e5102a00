import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../alerts/alert-engine.js';
import type { Condition } from '../alerts/alert-conditions.js';
import { NO_HISTORY } from '../pipeline/history-sink.js';
import { ClosureStore } from '../traffic/closures.js';
import { applyClusterEvent } from './apply-event.js';

const T = Date.UTC(2026, 5, 16, 8, 0);
const links = new Map([
  ['l1', 'Nordring'],
  ['l2', 'Südring'],
]);

/** Two nodes' closures and alerts: what an operator does at `here` is applied at `there` through its event. */
function twoNodes() {
  const node = () => {
    let changed = 0;
    const t = { closures: new ClosureStore(links, () => T), alerts: new AlertEngine(NO_HISTORY), alertsChanged: () => (changed += 1) };
    return { ...t, changed: () => changed };
  };
  return { here: node(), there: node() };
}

const condition: Condition = { key: 'traffic:closure:x', kind: 'traffic', level: 'closure', severity: 'low', place: { type: 'link', id: 'l1', name: 'Nordring', lonLat: [7.2, 51.48] }, group: 'traffic:Nordring', groupName: 'Nordring', value: null, unit: null };

describe('applyClusterEvent', () => {
  it('sets, edits and lifts a closure as at the node that took the request, ids included', () => {
    const { here, there } = twoNodes();
    const set = here.closures.add({ linkId: 'l1', kind: 'closure', note: 'Baustelle' }, { setBy: 'weber' });
    if (!set.ok) throw new Error(set.error);
    applyClusterEvent({ type: 'closure_set', closure: set.closure }, there);
    expect(there.closures.list()).toEqual([set.closure]);
    // the next closure set *there* gets a new id, not the one it took over
    const own = there.closures.add({ linkId: 'l2', kind: 'incident' });
    expect(own.ok && own.closure.id).not.toBe(set.closure.id);

    const edited = here.closures.edit(set.closure.id, { note: 'Vollsperrung', until: T + 3_600_000 }, 'vogel');
    if (!edited.ok) throw new Error(edited.error);
    applyClusterEvent({ type: 'closure_edited', closure: edited.closure }, there);
    expect(there.closures.get(set.closure.id)).toEqual(edited.closure);

    applyClusterEvent({ type: 'closure_lifted', id: set.closure.id }, there);
    expect(there.closures.get(set.closure.id)).toBeUndefined();
    expect(there.closures.list().map((c) => c.linkId)).toEqual(['l2']);
  });

  it('acknowledges and shelves the alert with the same key, though its id differs, and tells the stream', () => {
    const { here, there } = twoNodes();
    here.alerts.apply([condition], T);
    there.alerts.apply([condition], T + 200); // raised a tick later there: another id
    const [a] = here.alerts.list();
    const [b] = there.alerts.list();
    expect(a!.id).not.toBe(b!.id);

    const acked = here.alerts.acknowledge(a!.id, 'weber', 'Umleitung', T + 1000);
    if (!acked.ok) throw new Error(acked.message);
    applyClusterEvent({ type: 'alert_acknowledged', keys: acked.alerts.map((x) => x.key), by: 'weber', comment: 'Umleitung', t: T + 1000 }, there);
    expect(there.alerts.list()[0]).toMatchObject({ id: b!.id, state: 'ack_active', acknowledgedBy: 'weber', acknowledgedComment: 'Umleitung', acknowledgedAt: T + 1000 });
    expect(there.changed()).toBe(1);

    applyClusterEvent({ type: 'alert_shelved', keys: [condition.key], by: 'vogel', until: T + 600_000, reason: 'Wartung', t: T + 2000 }, there);
    expect(there.alerts.list()[0]).toMatchObject({ shelvedUntil: T + 600_000, shelvedBy: 'vogel', shelveReason: 'Wartung' });
    expect(there.changed()).toBe(2);

    // an action for an alert this node does not have changes nothing and tells nobody
    applyClusterEvent({ type: 'alert_acknowledged', keys: ['heat:station:none'], by: 'weber', t: T + 3000 }, there);
    expect(there.changed()).toBe(2);
  });
});
