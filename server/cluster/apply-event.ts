import { canAcknowledge, canShelve } from '../../common/models/alert-lifecycle.js';
import type { AlertEngine } from '../alerts/alert-engine.js';
import type { ClosureStore } from '../traffic/closures.js';
import type { ClusterEvent } from './cluster-events.js';

export interface EventTargets {
  closures: ClosureStore;
  alerts: AlertEngine;
  /** the alert list changed: send it on the next tick */
  alertsChanged: () => void;
}

/** Applies another node's change here, as if the request had come to this node (without a second audit entry). */
export function applyClusterEvent(e: ClusterEvent, t: EventTargets): void {
  switch (e.type) {
    case 'closure_set':
      // restore() keeps the closure's id and moves this node's id counter past it
      t.closures.restore([e.closure]);
      return;
    case 'closure_edited':
      t.closures.lift(e.closure.id);
      t.closures.restore([e.closure]);
      return;
    case 'closure_lifted':
      t.closures.lift(e.id);
      return;
    case 'alert_acknowledged':
    case 'alert_shelved': {
      let changed = false;
      for (const key of e.keys) {
        const local = t.alerts.list().find((a) => a.key === key);
        if (!local) continue;
        if (e.type === 'alert_acknowledged' && canAcknowledge(local.state)) changed = t.alerts.acknowledge(local.id, e.by, e.comment, e.t).ok || changed;
        if (e.type === 'alert_shelved' && canShelve(local.state)) changed = t.alerts.shelve(local.id, e.by, e.until, e.reason, e.t).ok || changed;
      }
      if (changed) t.alertsChanged();
      return;
    }
  }
}
