import { useMemo, useRef, useState } from 'react';
import { planToGeoJson, type MeasureType } from '../../../common/measures.js';
import type { Place } from '../../../common/places.js';
import { saveBlob } from '../export/export-urls.js';
import { useI18n } from '../i18n/i18n.js';
import type { StringKey } from '../i18n/strings.js';
import { rgbCss, WHATIF_DIFF_STOPS } from '../map/colors.js';
import type { CityModel } from '../map/city-model.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { usePlanT } from '../i18n/plan-strings.js';
import { CompareSection, PlanCompare } from './PlanCompare.js';
import { SavedPlans } from './SavedPlans.js';
import { useWhatIf } from './use-whatif.js';
import { RoadworksTool } from './traffic/RoadworksTool.js';
import { TrafficCompare } from './traffic/TrafficCompare.js';
import { roadworksOf } from './traffic/roadworks-store.js';
import { useClearOf } from './clear-of.js';
import { formatChangeK } from './whatif-format.js';
import { summarisePlan } from './whatif-summary.js';
import type { WhatIfStore, WhatIfView } from './whatif-store.js';
import './whatif.css';

const TOOLS: MeasureType[] = ['trees', 'shade', 'green', 'water'];
const VIEWS: WhatIfView[] = ['before', 'after', 'difference'];
const HINT: Record<MeasureType, StringKey> = { trees: 'whatif.hint.trees', shade: 'whatif.hint.area', green: 'whatif.hint.area', water: 'whatif.hint.water' };

/**
 * The planner's heat what-if: choose a measure, draw it on the map, set its parameters, compare the
 * heat surface with the plan against today, and read what changes per district and for the Kitas,
 * schools and playgrounds. Open by default when the address holds a plan.
 */
export function WhatIfPanel({ store, places, initiallyOpen, shown, city }: { store: WhatIfStore; places: () => ReadonlyArray<Place>; initiallyOpen: boolean; shown: DisplayedCity; city: CityModel }) {
  useWhatIf(store);
  const { t, num } = useI18n();
  const pt = usePlanT();
  const [open, setOpen] = useState(initiallyOpen);
  const result = store.result();
  const placeList = places();
  const byId = useMemo(() => new Map(placeList.map((p) => [p.id, p])), [placeList]);
  const panel = useRef<HTMLElement>(null);
  // the layer panel's height follows its legends: the what-if panel ends above it, whatever it shows
  useClearOf(panel, '.layer-panel', open);
  if (!open) {
    return (
      <button type="button" className="whatif-open" onClick={() => setOpen(true)} data-testid="whatif-open">
        {t('whatif.open')}
      </button>
    );
  }
  const summary = result && store.measures().length > 0 ? summarisePlan(result, byId) : null;
  const k = (v: number) => formatChangeK(v, num);
  const pct = (v: number) => `${num(v * 100, 1)} %`;
  const plantedTrees = store.plantings.filter((p) => p.properties.kind === 'planting').reduce((a, p) => a + p.properties.count, 0);
  const placeCounts = (c: Record<'kita' | 'school' | 'playground', number>) =>
    [c.kita && t('places.countKitas').replace('{n}', String(c.kita)), c.school && t('places.countSchools').replace('{n}', String(c.school)), c.playground && t('whatif.countPlaygrounds').replace('{n}', String(c.playground))]
      .filter(Boolean)
      .join(', ');
  const exportPlan = () => saveBlob(new Blob([JSON.stringify(planToGeoJson(store.measures()), null, 1)], { type: 'application/geo+json' }), 'stadtpuls-massnahmen.geojson');
  const draft = store.draft;

  return (
    <>
      <aside className="whatif-panel" data-testid="whatif-panel" ref={panel}>
        <div className="whatif-head">
          <div className="panel-title">{t('whatif.title')}</div>
          <button type="button" className="whatif-close" onClick={() => setOpen(false)} aria-label={t('whatif.close')}>
            ×
          </button>
        </div>
        <div className="whatif-tools" role="group">
          {TOOLS.map((tool) => (
            <button
              key={tool}
              type="button"
              className={draft?.type === tool ? 'active' : ''}
              aria-pressed={draft?.type === tool}
              onClick={() => (draft?.type === tool ? store.cancelDraft() : store.startDraft(tool))}
              data-testid={`whatif-tool-${tool}`}
            >
              {t(`whatif.${tool}` as StringKey)}
            </button>
          ))}
        </div>
        {draft && (
          <div className="whatif-draft" data-testid="whatif-draft">
            <div className="whatif-hint">{t(HINT[draft.type])}</div>
            <div className="whatif-row">
              <button type="button" onClick={() => store.finishDraft()} data-testid="whatif-finish">
                {t('whatif.finish')}
              </button>
              <button type="button" onClick={() => store.cancelDraft()}>
                {t('whatif.cancel')}
              </button>
            </div>
          </div>
        )}
        <div className="whatif-row whatif-params">
          <label>
            {t('whatif.count')}
            <input type="number" min={1} max={500} value={store.treeCount} onChange={(e) => store.setTreeParams(Math.max(1, Math.min(500, Math.round(Number(e.target.value) || 1))), store.crownDiameterM)} data-testid="whatif-count" />
          </label>
          <label>
            {t('whatif.crown')}
            <input type="number" min={3} max={20} step={1} value={store.crownDiameterM} onChange={(e) => store.setTreeParams(store.treeCount, Math.max(3, Math.min(20, Number(e.target.value) || 8)))} data-testid="whatif-crown" />
          </label>
        </div>
        <label className="whatif-register">
          <input type="checkbox" checked={store.registerOn} onChange={(e) => store.setRegister(e.target.checked)} data-testid="whatif-register" />
          {t('whatif.register').replace('{n}', num(plantedTrees, 0))}
        </label>
        <div className="whatif-views" role="radiogroup">
          {VIEWS.map((v) => (
            <label key={v}>
              <input type="radio" name="whatif-view" checked={store.view === v} onChange={() => store.setView(v)} data-testid={`whatif-view-${v}`} />
              {t(`whatif.view.${v}` as StringKey)}
            </label>
          ))}
        </div>
        {store.view === 'difference' && (
          <div className="legend" data-testid="whatif-legend">
            <div className="legend-title">{t('whatif.legend')}</div>
            <div className="anomaly-bar" style={{ background: `linear-gradient(to right, ${WHATIF_DIFF_STOPS.map(([, c]) => rgbCss(c)).join(', ')})` }} />
            <div className="anomaly-scale">
              <span>−8 K</span>
              <span>0</span>
              <span>+2 K</span>
            </div>
          </div>
        )}
        <div className="whatif-summary" data-testid="whatif-summary" aria-live="polite">
          {!summary && <div className="places-note">{store.error ?? t('whatif.empty')}</div>}
          {summary && result && result.sun.elevationDeg < 2 && <div className="places-note">{t('whatif.night')}</div>}
          {summary?.districts.map((d) => (
            <div key={d.district} className="whatif-district" data-testid="whatif-district" data-district={d.district} data-delta={d.meanAfter - d.meanBefore}>
              <div>
                {t('whatif.districtMean').replace('{d}', d.district)} <b>{k(d.meanAfter - d.meanBefore)}</b>
              </div>
              <div className="whatif-sub">
                {t('whatif.affected').replace('{a}', num(d.affectedM2, 0))} · {t('whatif.share38')}: {pct(d.shareVeryStrongBefore)} → {pct(d.shareVeryStrongAfter)}
              </div>
            </div>
          ))}
          {summary && summary.strongestK < 0 && (
            <div data-testid="whatif-strongest">
              {t('whatif.strongest')} <b>{k(summary.strongestK)}</b>
            </div>
          )}
          {summary && placeCounts(summary.leavingVeryStrong) && (
            <div data-testid="whatif-leaving">
              <b>{placeCounts(summary.leavingVeryStrong)}</b> {t('whatif.leaveVeryStrong')}
            </div>
          )}
          {summary && placeCounts(summary.leavingStrong) && (
            <div>
              <b>{placeCounts(summary.leavingStrong)}</b> {t('whatif.leaveStrong')}
            </div>
          )}
          {summary && summary.placesCooled > 0 && <div className="whatif-sub">{t('whatif.placesCooled').replace('{n}', String(summary.placesCooled))}</div>}
        </div>
        {store.plan.length > 0 && (
          <ul className="whatif-measures" data-testid="whatif-measures">
            {store.plan.map((m) => (
              <li key={m.id}>
                <span>
                  {t(`whatif.${m.type}` as StringKey)}
                  {m.type === 'trees' && ` · ${t('whatif.itemTrees').replace('{n}', String(m.count)).replace('{d}', num(m.crownDiameterM, 0))}`}
                </span>
                <button type="button" onClick={() => store.remove(m.id)} aria-label={t('whatif.remove')}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="whatif-row">
          <button type="button" onClick={exportPlan} disabled={store.measures().length === 0} data-testid="whatif-export">
            {t('whatif.export')}
          </button>
          <button type="button" onClick={() => store.clear()} disabled={store.plan.length === 0}>
            {t('whatif.clear')}
          </button>
          <button type="button" className={store.comparing ? 'active' : ''} aria-pressed={store.comparing} onClick={() => store.setComparing(!store.comparing)} disabled={store.measures().length === 0} data-testid="whatif-compare">
            {pt('compare.open')}
          </button>
        </div>
        <SavedPlans store={store} />
        <RoadworksTool store={roadworksOf(store)} />
      </aside>
      {/* the compare view: the traffic what-if's <CompareSection> goes in as its child */}
      <PlanCompare store={store} places={placeList} shown={shown} city={city}>
        <TrafficCompare store={roadworksOf(store)} Section={CompareSection} />
      </PlanCompare>
    </>
  );
}
