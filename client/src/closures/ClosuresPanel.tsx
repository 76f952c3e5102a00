import { localName } from '../i18n/place-names.js';
import { useEffect, useState } from 'react';
import type { TrafficClosure, TrafficClosurePatch } from '../../../common/protocol.js';
import { roleSatisfies } from '../../../common/auth.js';
import { apiFetch } from '../auth/auth-client.js';
import { useAuth } from '../auth/use-auth.js';
import { useI18n } from '../i18n/i18n.js';
import type { LiveStore } from '../live/live-store.js';
import { useParts } from '../live/use-parts.js';
import type { CityModel } from '../map/city-model.js';
import { shortName } from '../wall/short-name.js';
import { MoreRows } from '../wall/MoreRows.js';
import { fromBochumInput, toBochumInput } from './bochum-input.js';
import { closureDirection } from './closure-direction.js';
import './closures.css';

async function send(url: string, init: RequestInit): Promise<void> {
  const res = await apiFetch(url, init);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new Error(body?.message ?? `HTTP ${res.status}`);
  }
}

/**
 * The closures and incidents in force and those planned (roadworks), with street, direction,
 * since/from, until, who set them and the note. Operators lift them or edit note, end and an
 * incident's remaining capacity. Always the present: closures are acted on now.
 */
export function ClosuresPanel({ store, city, wall = false }: { store: LiveStore; city: CityModel; wall?: boolean }) {
  useParts(store, () => [store.closures, store.plannedClosures]);
  const { t, dayTime, lang } = useI18n();
  const auth = useAuth();
  const mayAct = !wall && auth?.user != null && roleSatisfies(auth.user.role, 'operator');
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows: Array<{ c: TrafficClosure; planned: boolean }> = [...store.closures.map((c) => ({ c, planned: false })), ...store.plannedClosures.map((c) => ({ c, planned: true }))];
  if (rows.length === 0) return null;

  const lift = async (id: string) => {
    setError(null);
    try {
      await send(`/api/traffic/closures/${encodeURIComponent(id)}`, { method: 'DELETE' });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <aside className="closures-panel wall-list-panel" data-testid="closures-panel">
      <div className="panel-title">
        {t('closures.title')} <span className="closures-count">{store.closures.length}</span>
        {store.plannedClosures.length > 0 && <span className="closures-planned-count"> · {t('closures.plannedCount').replace('{n}', String(store.plannedClosures.length))}</span>}
      </div>
      <div className="wall-rows">
        {rows.map(({ c, planned }) => {
          const detectorName = city.trafficByLinkId.get(c.linkId)?.[0]?.properties.name;
          const direction = closureDirection(c.street, detectorName, c.linkId);
          const street = wall ? shortName(c.street) : c.street;
          return (
            <div key={c.id} className={`closure-row closure-${c.kind}${planned ? ' closure-planned' : ''}`} data-testid="closure-row" data-id={c.id}>
              <div className="closure-head">
                <span className="closure-kind">{planned ? t('closures.planned') : t(`control.${c.kind}Active`)}</span>
                <span className="closure-street">{street}</span>
                {direction && <span className="closure-direction">{localName(wall ? shortName(direction) : direction, lang)}</span>}
              </div>
              <div className="closure-times">
                {planned ? t('closures.from') : t('alerts.since')} {dayTime(c.since)}
                {c.until !== undefined ? ` · ${t('closures.untilShort')} ${dayTime(c.until)}` : ` · ${t('closures.open')}`}
                {c.kind === 'incident' && ` · ${Math.round(c.capacityFactor * 100)} % ${t('closures.capacity')}`}
              </div>
              <div className="closure-who">
                {c.setBy ?? t('closures.scenario')}
                {c.editedBy && ` · ${t('closures.edited')} ${c.editedBy}`}
              </div>
              {c.note && <div className="closure-note">{c.note}</div>}
              {mayAct && editing !== c.id && (
                <div className="closure-actions">
                  <button type="button" onClick={() => void lift(c.id)} data-testid="closure-lift">
                    {t('control.lift')}
                  </button>
                  <button type="button" onClick={() => setEditing(c.id)} data-testid="closure-edit">
                    {t('closures.edit')}
                  </button>
                </div>
              )}
              {mayAct && editing === c.id && <ClosureEditForm closure={c} onDone={() => setEditing(null)} />}
            </div>
          );
        })}
      </div>
      <MoreRows overCap={0} testId="closures-more" />
      {error && <div className="control-error">{error}</div>}
    </aside>
  );
}

function ClosureEditForm({ closure, onDone }: { closure: TrafficClosure; onDone: () => void }) {
  const { t } = useI18n();
  const [note, setNote] = useState(closure.note ?? '');
  const [until, setUntil] = useState(closure.until !== undefined ? toBochumInput(closure.until) : '');
  const [capacity, setCapacity] = useState(String(Math.round(closure.capacityFactor * 100)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onDone();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onDone]);

  const save = async () => {
    const untilMs = fromBochumInput(until);
    if (until.trim() !== '' && untilMs === null) {
      setError(t('closures.badTime'));
      return;
    }
    const patch: TrafficClosurePatch = { note, until: until.trim() === '' ? null : untilMs };
    if (closure.kind === 'incident') {
      const pct = Number(capacity);
      if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
        setError(t('closures.badCapacity'));
        return;
      }
      patch.capacityFactor = pct / 100;
    }
    setBusy(true);
    setError(null);
    try {
      await send(`/api/traffic/closures/${encodeURIComponent(closure.id)}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
      onDone();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="closure-edit"
      data-testid="closure-edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {t('closures.note')}
        <input type="text" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="closure-edit-note" />
      </label>
      <label>
        {t('closures.until')}
        <input type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="closure-edit-until" />
      </label>
      {closure.kind === 'incident' && (
        <label>
          {t('closures.capacity')} %
          <input type="number" min={0} max={100} step={5} value={capacity} onChange={(e) => setCapacity(e.target.value)} data-testid="closure-edit-capacity" />
        </label>
      )}
      <div className="closure-actions">
        <button type="submit" disabled={busy} data-testid="closure-edit-save">
          {t('closures.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('closures.cancel')}
        </button>
      </div>
      {error && <div className="control-error">{error}</div>}
    </form>
  );
}
