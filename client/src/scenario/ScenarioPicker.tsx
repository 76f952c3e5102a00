import { useEffect, useState, type FormEvent } from 'react';
import { bochumDisplayFormat } from '../../../common/bochum-time.js';
import type { ScenarioSummary } from '../../../common/scenarios.js';
import { useAuth } from '../auth/use-auth.js';
import { useI18n } from '../i18n/i18n.js';
import { useScenarioT } from '../i18n/scenario-strings.js';
import type { LiveStore } from '../live/live-store.js';
import { useParts } from '../live/use-parts.js';
import { fetchScenarios, switchScenario } from './scenario-api.js';
import './scenario-picker.css';

/**
 * In the header, for an admin on a simulated city: "Szenario wechseln" opens a dialog listing the
 * scenarios (the running one marked) and switches at run time (POST /api/scenario). The new city
 * arrives as a fresh snapshot on the stream, for this page as for every other screen.
 */
export function ScenarioPicker({ store }: { store: LiveStore }) {
  useParts(store, () => [store.scenario]);
  const auth = useAuth();
  const t = useScenarioT();
  const [open, setOpen] = useState(false);
  const current = store.scenario;
  if (auth?.user?.role !== 'admin' || !current) return null;
  return (
    <div className="scenario-picker">
      <button type="button" className="auth-button scenario-open" onClick={() => setOpen(true)} data-testid="scenario-open" title={t('scenario.open')}>
        {t('scenario.open')}
      </button>
      {open && <ScenarioDialog currentId={current.id} onClose={() => setOpen(false)} />}
    </div>
  );
}

function ScenarioDialog({ currentId, onClose }: { currentId: string; onClose: () => void }) {
  const t = useScenarioT();
  const { lang } = useI18n();
  const startFormat = bochumDisplayFormat(lang === 'de' ? 'de-DE' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  /** the server cannot switch (a cluster): said at once, not after a click */
  const [refusal, setRefusal] = useState<string | null>(null);
  const [chosen, setChosen] = useState(currentId);
  const [speed, setSpeed] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchScenarios(controller.signal)
      .then((list) => {
        setScenarios(list.scenarios);
        setRefusal(list.refusal);
      })
      .catch((err: Error) => controller.signal.aborted || setError(`${t('scenario.failed')}: ${err.message}`));
    return () => controller.abort();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const picked = scenarios?.find((s) => s.id === chosen);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await switchScenario({ id: chosen, ...(speed.trim() !== '' && { speed: Number(speed) }) });
      onClose();
    } catch (err) {
      setError(`${t('scenario.failed')}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-overlay" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form className="login-form scenario-form" onSubmit={submit} data-testid="scenario-form">
        <h2>{t('scenario.title')}</h2>
        <p>{t('scenario.intro')}</p>
        {scenarios === null && !error && <p>{t('scenario.loading')}</p>}
        {scenarios && (
          <div className="scenario-list" role="radiogroup" aria-label={t('scenario.title')}>
            {scenarios.map((s) => (
              <label key={s.id} className={s.id === chosen ? 'scenario-option chosen' : 'scenario-option'} data-testid={`scenario-option-${s.id}`}>
                <input type="radio" name="scenario" value={s.id} checked={s.id === chosen} onChange={() => setChosen(s.id)} autoFocus={s.id === currentId} />
                <span className="scenario-text">
                  <span className="scenario-name">
                    {s.name[lang]}
                    {s.id === currentId && <span className="scenario-running">{t('scenario.running')}</span>}
                  </span>
                  <span className="scenario-description">{s.description[lang]}</span>
                  <span className="scenario-meta">
                    {t('scenario.start')} {startFormat.format(Date.parse(s.start))} · ×{s.speed}
                  </span>
                </span>
              </label>
            ))}
          </div>
        )}
        <label className="scenario-speed">
          {t('scenario.speed')}
          <input type="number" min="0.1" max="10000" step="any" inputMode="decimal" value={speed} placeholder={picked ? t('scenario.speedHint').replace('{n}', String(picked.speed)) : ''} onChange={(e) => setSpeed(e.target.value)} data-testid="scenario-speed" />
        </label>
        {refusal && (
          <div className="login-error" role="alert" data-testid="scenario-refusal">
            {refusal}
          </div>
        )}
        {error && (
          <div className="login-error" role="alert" data-testid="scenario-error">
            {error}
          </div>
        )}
        <div className="login-buttons">
          <button type="submit" disabled={busy || !scenarios || refusal !== null} data-testid="scenario-submit">
            {busy ? t('scenario.busy') : t('scenario.submit')}
          </button>
          <button type="button" onClick={onClose}>
            {t('scenario.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
