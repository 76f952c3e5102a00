import { useState } from 'react';
import type { TrafficClosure, TrafficClosureRequest } from '../../../common/protocol.js';
import { useI18n } from '../i18n/i18n.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useShownCity } from '../time/use-shown.js';
import { apiFetch } from '../auth/auth-client.js';
import { useAuth } from '../auth/use-auth.js';
import { roleSatisfies } from '../../../common/auth.js';
import { fromBochumInput, toBochumInput } from '../closures/bochum-input.js';

/** Capacity left by an incident reported from the map: one of two lanes blocked, the common case. */
const INCIDENT_CAPACITY = 0.5;

async function send(url: string, init: RequestInit): Promise<void> {
  // apiFetch adds the session's CSRF token; the server answers 401/403 to anyone without the operator role
  const res = await apiFetch(url, init);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string; detail?: string } | null;
    throw new Error(body?.message ?? body?.detail ?? `HTTP ${res.status}`);
  }
}

/**
 * Close a link, report an incident on it, or lift what is active there (POST/DELETE /api/traffic/closures).
 * Part of the link's detail panel. Looking back it shows what was active then, and acts on nothing:
 * a closure is set in the present.
 */
export function LinkControl({ linkId, shown }: { linkId: string; shown: DisplayedCity }) {
  const view = useShownCity(shown);
  const { t, time } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const past = shown.wantedAt() !== null;
  const auth = useAuth();
  const mayAct = auth?.user != null && roleSatisfies(auth.user.role, 'operator');
  const active: TrafficClosure | undefined = view.closures.find((c) => c.linkId === linkId);
  // start (empty: now) and end (empty: until lifted) in Bochum time, and a note for the closures list
  const [fromInput, setFromInput] = useState('');
  const [untilInput, setUntilInput] = useState('');
  const [note, setNote] = useState('');
  const cityNow = shown.live.cityNow();

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const create = (kind: TrafficClosureRequest['kind']) =>
    run(async () => {
      const from = fromBochumInput(fromInput);
      const until = fromBochumInput(untilInput);
      if (fromInput.trim() !== '' && from === null) throw new Error(t('closures.badTime'));
      if (untilInput.trim() !== '' && until === null) throw new Error(t('closures.badTime'));
      const request: TrafficClosureRequest = {
        linkId,
        kind,
        ...(kind === 'incident' ? { capacityFactor: INCIDENT_CAPACITY } : {}),
        ...(from !== null ? { from } : {}),
        ...(until !== null ? { until } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      await send('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      setFromInput('');
      setUntilInput('');
      setNote('');
    });
  const lift = (id: string) => run(() => send(`/api/traffic/closures/${encodeURIComponent(id)}`, { method: 'DELETE' }));

  return (
    <div className="link-actions">
      {active && (
        <div className={`closure-state closure-${active.kind}`} data-testid="closure-state">
          {t(`control.${active.kind}Active`)} · {t('alerts.since')} {time(active.since)}
          {active.until !== undefined && ` · ${t('closures.untilShort')} ${time(active.until)}`}
        </div>
      )}
      {past ? (
        <div className="tt-hint">{t('detail.pastNoControl')}</div>
      ) : !mayAct ? (
        <div className="tt-hint" data-testid="need-operator">
          {t('auth.needOperator')}
        </div>
      ) : active ? (
        <button type="button" disabled={busy} onClick={() => lift(active.id)} data-testid="lift-closure">
          {t('control.lift')}
        </button>
      ) : (
        <div className="control-buttons">
          <div className="closure-fields">
            <label>
              {t('closures.from')}
              <input type="datetime-local" value={fromInput} min={cityNow !== null ? toBochumInput(cityNow) : undefined} onChange={(e) => setFromInput(e.target.value)} data-testid="closure-from" />
            </label>
            <label>
              {t('closures.until')}
              <input type="datetime-local" value={untilInput} min={cityNow !== null ? toBochumInput(cityNow) : undefined} onChange={(e) => setUntilInput(e.target.value)} data-testid="closure-until" />
            </label>
            <label>
              {t('closures.note')}
              <input type="text" maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} data-testid="closure-note" />
            </label>
          </div>
          <button type="button" disabled={busy} onClick={() => create('closure')} data-testid="close-link">
            {t('control.close')}
          </button>
          <button type="button" disabled={busy} onClick={() => create('incident')} data-testid="report-incident">
            {t('control.incident')}
          </button>
        </div>
      )}
      {error && <div className="control-error">{error}</div>}
    </div>
  );
}
