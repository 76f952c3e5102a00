import { localName } from '../i18n/place-names.js';
import { useEffect, useState } from 'react';
import { roleSatisfies } from '../../../common/auth.js';
import { groupAlerts, isUnacknowledged, type AlertGroup } from '../../../common/models/alert-groups.js';
import { ALERT_STATES, type AlertState } from '../../../common/models/alert-lifecycle.js';
import { ALERT_KINDS, type Alert, type AlertKind } from '../../../common/protocol.js';
import { useAuth } from '../auth/use-auth.js';
import { useI18n } from '../i18n/i18n.js';
import type { StringKey } from '../i18n/strings.js';
import type { MapHandle } from '../map/MapView.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useParts } from '../live/use-parts.js';
import { AlertActionForm } from './AlertActionForm.js';
import { fetchClearedAlerts } from './alert-actions.js';
import './alerts.css';

/** Enough groups to see the worst at a glance; "show all" opens the whole list. */
const MAX_SHOWN = 5;

type StateFilter = 'open' | 'unack' | AlertState;
const STATE_FILTERS: StateFilter[] = ['open', 'unack', ...ALERT_STATES];

function matches(a: Alert, kind: AlertKind | 'all', state: StateFilter): boolean {
  if (kind !== 'all' && a.kind !== kind) return false;
  if (state === 'open') return true;
  if (state === 'unack') return isUnacknowledged(a);
  return a.state === state;
}

/**
 * The alert list an operator works through: groups of related alerts, the most urgent first,
 * filtered by kind and state; a click flies the map to the place and rings it; operators
 * acknowledge (with a comment) or shelve an alert or a whole group. Cleared alerts come from the store.
 */
export function AlertsPanel({ shown, map }: { shown: DisplayedCity; map: MapHandle | null }) {
  useParts(shown, () => {
    const v = shown.view();
    return [v, v.alerts];
  });
  const view = shown.view();
  const { t, time, num, lang } = useI18n();
  const auth = useAuth();
  const mayAct = auth?.user != null && roleSatisfies(auth.user.role, 'operator');
  const [kind, setKind] = useState<AlertKind | 'all'>('all');
  const [state, setState] = useState<StateFilter>('open');
  const [showAll, setShowAll] = useState(false);
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());
  const [form, setForm] = useState<{ id: string; mode: 'ack' | 'shelve' } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [cleared, setCleared] = useState<Alert[] | null>(null);

  useEffect(() => {
    if (state !== 'cleared') return;
    let cancelled = false;
    setCleared(null);
    fetchClearedAlerts(kind === 'all' ? null : kind)
      .then((alerts) => !cancelled && setCleared(alerts))
      .catch(() => !cancelled && setCleared([]));
    return () => {
      cancelled = true;
    };
  }, [state, kind]);

  const source = state === 'cleared' ? (cleared ?? []) : view.alerts;
  const groups = groupAlerts(source.filter((a) => matches(a, kind, state)));
  const shownGroups = showAll ? groups : groups.slice(0, MAX_SHOWN);
  const unacknowledged = view.alerts.filter(isUnacknowledged).length;

  const fly = (a: Alert) => {
    setSelected(a.id);
    if (a.place.lonLat) map?.flyTo(a.place.lonLat);
  };
  const toggleGroup = (g: AlertGroup) => {
    setOpenGroups((s) => {
      const next = new Set(s);
      if (next.has(g.id)) next.delete(g.id);
      else next.add(g.id);
      return next;
    });
    fly(g.alerts[0]);
  };

  const actions = (id: string, canAck: boolean, canShelve: boolean, ackLabel: StringKey) =>
    mayAct && (
      <span className="alert-actions">
        {canAck && (
          <button type="button" data-testid="alert-ack" onClick={(e) => (e.stopPropagation(), setForm({ id, mode: 'ack' }))}>
            {t(ackLabel)}
          </button>
        )}
        {canShelve && (
          <button type="button" data-testid="alert-shelve" onClick={(e) => (e.stopPropagation(), setForm({ id, mode: 'shelve' }))}>
            {t('alerts.shelve')}
          </button>
        )}
      </span>
    );

  const member = (a: Alert) => (
    <div
      key={a.id}
      className={`alert alert-sev-${a.severity} alert-state-${a.state}${selected === a.id ? ' alert-selected' : ''}`}
      data-testid="alert"
      data-alert-id={a.id}
      onClick={(e) => (e.stopPropagation(), fly(a))}
    >
      <div className="alert-head">
        {a.value !== null && (
          <strong>
            {num(a.value, a.unit === '°C' ? 1 : 0)} {a.unit}
          </strong>
        )}{' '}
        {t(`alerts.place.${a.place.type}`)} {localName(a.place.name, lang)}
      </div>
      <div className="alert-time">
        {t(`alerts.${a.level}`)} · <span className="alert-state-label">{t(`alerts.state.${a.state}`)}</span> · {t('alerts.since')} {time(a.raisedAt)}
      </div>
      {a.acknowledgedBy && (
        <div className="alert-ack-info" data-testid="alert-ack-info">
          {t('alerts.acknowledgedBy')} {a.acknowledgedBy} {a.acknowledgedAt !== undefined && time(a.acknowledgedAt)}
          {a.acknowledgedComment && <> – „{a.acknowledgedComment}“</>}
        </div>
      )}
      {a.shelvedUntil !== undefined && a.state === 'shelved' && (
        <div className="alert-ack-info">
          {t('alerts.shelvedUntil')} {time(a.shelvedUntil)} ({a.shelvedBy}: {a.shelveReason})
        </div>
      )}
      {state !== 'cleared' && actions(a.id, isUnacknowledged(a), a.state !== 'cleared', 'alerts.ack')}
      {form?.id === a.id && <AlertActionForm id={a.id} mode={form.mode} onDone={() => setForm(null)} />}
    </div>
  );

  return (
    <aside className={`alerts${showAll ? ' alerts-expanded' : ''}`} data-testid="alerts">
      <div className="panel-title">
        {t('alerts.title')} ({view.alerts.length}){unacknowledged > 0 && <span className="alert-badge" title={t('alerts.state.unack')}>{unacknowledged}</span>}
      </div>
      <div className="alert-filters">
        <select value={kind} onChange={(e) => setKind(e.target.value as AlertKind | 'all')} aria-label={t('alerts.kind.all')} data-testid="alert-filter-kind">
          {(['all', ...ALERT_KINDS] as const).map((k) => (
            <option key={k} value={k}>
              {t(`alerts.kind.${k}`)}
            </option>
          ))}
        </select>
        <select value={state} onChange={(e) => setState(e.target.value as StateFilter)} aria-label={t('alerts.state.all')} data-testid="alert-filter-state">
          {STATE_FILTERS.map((s) => (
            <option key={s} value={s}>
              {t(s === 'open' ? 'alerts.state.all' : `alerts.state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="alert-list">
        {groups.length === 0 && <div className="alert-none">{t('alerts.none')}</div>}
        {shownGroups.map((g) =>
          g.alerts.length === 1 ? (
            member(g.alerts[0])
          ) : (
            <div key={g.id} className={`alert-group alert-sev-${g.severity}`} data-testid="alert-group" data-group-id={g.id}>
              <div className="alert-group-head" onClick={() => toggleGroup(g)}>
                <span className="alert-caret">{openGroups.has(g.id) ? '▾' : '▸'}</span>
                <strong>{groupName(g, t)}</strong> · {t(`alerts.${g.alerts[0].level}`)} · {g.alerts.length} {t('alerts.members')}
                {g.unacknowledged > 0 && <span className="alert-badge">{g.unacknowledged}</span>}
                <div className="alert-time">
                  {t('alerts.since')} {time(Math.min(...g.alerts.map((a) => a.raisedAt)))}
                </div>
                {state !== 'cleared' && actions(g.id, g.unacknowledged > 0, true, 'alerts.ackAll')}
              </div>
              {form?.id === g.id && <AlertActionForm id={g.id} mode={form.mode} onDone={() => setForm(null)} />}
              {openGroups.has(g.id) && <div className="alert-members">{g.alerts.map(member)}</div>}
            </div>
          ),
        )}
      </div>
      {groups.length > MAX_SHOWN && (
        <button type="button" className="alert-more" data-testid="alert-more" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('alerts.showLess') : `${t('alerts.showAll')} (+ ${groups.length - MAX_SHOWN} ${t('alerts.more')})`}
        </button>
      )}
    </aside>
  );
}

/** A group's name: translated for the fixed groups (feeds, silent sensors of a kind), else the place's own name. */
export function groupName(g: Pick<AlertGroup, 'id' | 'name'>, t: (key: StringKey) => string): string {
  const key = `alerts.group.${g.id}` as StringKey;
  const translated = t(key);
  return translated && translated !== key ? translated : g.name;
}
