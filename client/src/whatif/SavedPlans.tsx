import { useEffect, useState } from 'react';
import { roleSatisfies } from '../../../common/auth.js';
import { PLAN_NAME_MAX, type PlanSummary } from '../../../common/plans.js';
import { useAuth } from '../auth/use-auth.js';
import { useI18n } from '../i18n/i18n.js';
import { usePlanT } from '../i18n/plan-strings.js';
import { deletePlan, fetchPlan, listPlans, savePlan, updatePlan } from './plans-api.js';
import type { WhatIfStore } from './whatif-store.js';

/**
 * Saved plans in the what-if panel: save the drawn measures under a name (planner role; the author is
 * the session's), and the list of saved plans to open (the address then names the plan: `?plan=<id>`)
 * or, for its author or an admin, to delete. An opened plan, edited, is saved again under its id
 * ("Änderungen speichern", its author or an admin; the name field renames it when filled) or as a new plan.
 */
export function SavedPlans({ store }: { store: WhatIfStore }) {
  const pt = usePlanT();
  const { dayTime } = useI18n();
  const auth = useAuth();
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const user = auth?.user ?? null;
  const mayWrite = user !== null && roleSatisfies(user.role, 'planner');
  const opened = store.opened;
  const edited = opened !== null && opened.measures !== store.plan;
  const mayUpdate = mayWrite && opened !== null && (user.name === opened.summary.author || user.role === 'admin');
  const renamed = opened !== null && name.trim() !== '' && name.trim() !== opened.summary.name;

  useEffect(() => {
    const aborter = new AbortController();
    listPlans(aborter.signal)
      .then(setPlans)
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setMessage(pt('plans.failed', { detail: err.message }));
      });
    return () => aborter.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `pt` changes with the language only
  }, [reload]);

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    try {
      setMessage(await work());
      setReload((n) => n + 1);
    } catch (err) {
      setMessage(pt('plans.failed', { detail: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    act(async () => {
      const saved = await savePlan(name.trim(), store.plan);
      store.openSaved(saved, store.plan);
      setName('');
      return pt('plans.saved', { name: saved.name });
    });
  const update = () =>
    act(async () => {
      const saved = await updatePlan(opened!.summary.id, name.trim() || opened!.summary.name, store.plan);
      store.openSaved(saved, store.plan);
      setName('');
      return pt('plans.updated', { name: saved.name });
    });
  const open = (id: string) =>
    act(async () => {
      const { plan, measures } = await fetchPlan(id);
      store.openSaved(plan, measures);
      return null;
    });
  const remove = (id: string) =>
    act(async () => {
      await deletePlan(id);
      return null;
    });

  return (
    <section className="whatif-plans" data-testid="whatif-plans">
      <div className="whatif-plans-title">{pt('plans.title')}</div>
      {opened && !edited && (
        <div className="whatif-sub" data-testid="whatif-opened">
          {pt('plans.opened', { name: opened.summary.name, author: opened.summary.author })}
        </div>
      )}
      {opened && edited && store.plan.length > 0 && (
        <div className="whatif-sub" data-testid="whatif-edited">
          {pt('plans.edited', { name: opened.summary.name })}
        </div>
      )}
      {mayWrite ? (
        <form
          className="whatif-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            className="whatif-plan-name"
            aria-label={pt('plans.name')}
            placeholder={pt('plans.namePlaceholder')}
            maxLength={PLAN_NAME_MAX}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="whatif-plan-name"
          />
          {mayUpdate && (
            <button type="button" onClick={() => void update()} disabled={busy || (!edited && !renamed) || store.plan.length === 0} data-testid="whatif-plan-update">
              {busy ? pt('plans.saving') : pt('plans.update')}
            </button>
          )}
          <button type="submit" disabled={busy || name.trim() === '' || store.plan.length === 0} data-testid="whatif-plan-save">
            {busy ? pt('plans.saving') : pt(opened ? 'plans.saveNew' : 'plans.save')}
          </button>
        </form>
      ) : (
        <div className="whatif-sub">{pt('plans.loginToSave')}</div>
      )}
      {message && (
        <div className="whatif-sub" role="status" data-testid="whatif-plan-message">
          {message}
        </div>
      )}
      {plans && plans.length === 0 && <div className="whatif-sub">{pt('plans.none')}</div>}
      {plans && plans.length > 0 && (
        <ul className="whatif-measures" data-testid="whatif-plan-list">
          {plans.map((p) => (
            <li key={p.id} data-plan={p.id}>
              <span>
                <b>{p.name}</b>
                <span className="whatif-sub">
                  {' '}
                  · {pt('plans.by', { author: p.author, when: dayTime(p.createdAt) })}
                  {p.updatedAt !== null && ` · ${pt('plans.changed', { when: dayTime(p.updatedAt) })}`} · {pt('plans.measures', { n: p.measureCount })}
                </span>
              </span>
              <span className="whatif-plan-actions">
                <button type="button" onClick={() => void open(p.id)} disabled={busy} data-testid="whatif-plan-open">
                  {pt('plans.open')}
                </button>
                {user !== null && (user.name === p.author || user.role === 'admin') && (
                  <button type="button" onClick={() => void remove(p.id)} disabled={busy} aria-label={`${pt('plans.delete')}: ${p.name}`}>
                    ×
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
