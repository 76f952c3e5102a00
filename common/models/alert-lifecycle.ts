/**
 * The life of one alert, after ISA-18.2 alarm states:
 *
 *   unack_active ──ack──► ack_active ──clear──► cleared (leaves the list)
 *        │                    │  ▲
 *        │ clear              │  └─ escalate (a more severe level) re-annunciates: back to unack_active
 *        ▼                    │
 *   unack_cleared ──ack──► cleared      unack_cleared ──raise──► unack_active (re-raised, same alert)
 *
 *   any open state ──shelve──► shelved (hidden from the wall; the condition is still tracked)
 *   shelved ──expiry──► unack_active if the condition is present then, else cleared
 *
 * An alert that cleared before anyone acknowledged it stays in the list until acknowledged, so no
 * alarm goes by unseen. A condition coming back after `cleared` is a new alert (a new occurrence).
 * Pure: the engine (server/alerts/) feeds it events and records what it returns.
 */
export const ALERT_STATES = ['unack_active', 'ack_active', 'unack_cleared', 'shelved', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface Acknowledgement {
  by: string;
  at: number;
  comment?: string;
}

export interface Shelf {
  by: string;
  at: number;
  until: number;
  reason: string;
}

export interface Lifecycle {
  state: AlertState;
  /** whether the condition is present now (tracked under the shelf as well) */
  active: boolean;
  acknowledged?: Acknowledgement;
  shelved?: Shelf;
  /** city time the condition last went away, epoch ms */
  clearedAt?: number;
}

export type LifecycleEvent =
  | { type: 'clear'; at: number }
  | { type: 'raise'; at: number }
  | { type: 'escalate'; at: number }
  | { type: 'ack'; at: number; by: string; comment?: string }
  | { type: 'shelve'; at: number; by: string; until: number; reason: string }
  | { type: 'time'; at: number };

export const RAISED: Lifecycle = { state: 'unack_active', active: true };

/** Whether an operator may acknowledge / shelve an alert in this state (the API answers 409 otherwise). */
export const canAcknowledge = (s: AlertState): boolean => s === 'unack_active' || s === 'unack_cleared';
export const canShelve = (s: AlertState): boolean => s !== 'cleared';

/** The next lifecycle; the same object when the event changes nothing. */
export function stepLifecycle(l: Lifecycle, e: LifecycleEvent): Lifecycle {
  if (l.state === 'cleared') return l;
  switch (e.type) {
    case 'clear':
      if (!l.active) return l;
      if (l.state === 'shelved') return { ...l, active: false, clearedAt: e.at };
      if (l.state === 'ack_active') return { ...l, state: 'cleared', active: false, clearedAt: e.at };
      return { ...l, state: 'unack_cleared', active: false, clearedAt: e.at };
    case 'raise':
      if (l.active) return l;
      if (l.state === 'shelved') return { ...l, active: true };
      return { state: 'unack_active', active: true, acknowledged: undefined, clearedAt: l.clearedAt };
    case 'escalate':
      if (l.state === 'ack_active') return { ...l, state: 'unack_active', acknowledged: undefined };
      return l.active ? l : stepLifecycle(l, { type: 'raise', at: e.at });
    case 'ack': {
      if (!canAcknowledge(l.state)) return l;
      const acknowledged: Acknowledgement = { by: e.by, at: e.at, ...(e.comment ? { comment: e.comment } : {}) };
      return { ...l, state: l.state === 'unack_active' ? 'ack_active' : 'cleared', acknowledged };
    }
    case 'shelve':
      if (!canShelve(l.state)) return l;
      return { ...l, state: 'shelved', shelved: { by: e.by, at: e.at, until: e.until, reason: e.reason } };
    case 'time':
      if (l.state !== 'shelved' || !l.shelved || e.at < l.shelved.until) return l;
      // Back from the shelf it annunciates afresh: whoever shelved it may not be on shift any more.
      return l.active ? { state: 'unack_active', active: true, clearedAt: l.clearedAt } : { state: 'cleared', active: false, clearedAt: l.clearedAt, shelved: l.shelved };
  }
}
