import { useEffect, useMemo, useState, type PointerEvent, type ReactNode } from 'react';
import { comparePlan, type BeforeAfter } from '../../../common/models/plan-compare.js';
import type { Place } from '../../../common/places.js';
import { useI18n } from '../i18n/i18n.js';
import { usePlanT, type PlanStringKey } from '../i18n/plan-strings.js';
import type { CityModel } from '../map/city-model.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { PlanDayLoader } from './plan-day-loader.js';
import { useWhatIf } from './use-whatif.js';
import { formatChangeK } from './whatif-format.js';
import type { WhatIfStore, WhatIfView } from './whatif-store.js';

/** One block of the compare view: a title and its table. The heat what-if is one; the traffic what-if adds its own. */
export function CompareSection({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <section className="compare-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

const MODES: Array<[WhatIfView, PlanStringKey]> = [
  ['before', 'compare.today'],
  ['after', 'compare.plan'],
  ['swipe', 'compare.swipe'],
];

/**
 * The compare view (plan against today, issue 11): the map switched between today and the plan (or
 * split), and what the plan changes. Sections, in order:
 * - Hitze: per district mean and max UTCI and the area share ≥ 32 °C at the displayed instant, or
 *   (toggle "Jetzt | Ganzer Tag") the day's mean and max UTCI and area-mean hours ≥ 32 °C; per
 *   affected Kita and school the UTCI now and the hours under strong heat stress over the day.
 * - Verkehr: the traffic what-if (a planned closure in its sandbox) passes its <CompareSection> as
 *   `children`; it appears below the heat section.
 */
export function PlanCompare({ store, places, shown, city, children }: { store: WhatIfStore; places: ReadonlyArray<Place>; shown: DisplayedCity; city: CityModel; children?: ReactNode }) {
  useWhatIf(store);
  const pt = usePlanT();
  const loader = useMemo(() => new PlanDayLoader(store, shown, city), [store, shown, city]);
  useEffect(() => loader.start(), [loader]);
  useWhatIf(loader);
  if (!store.comparing) return null;
  return (
    <>
      {store.view === 'swipe' && <SwipeDivider store={store} />}
      <aside className="plan-compare" data-testid="plan-compare" aria-label={pt('compare.title')}>
        <div className="whatif-head">
          <div className="panel-title">{pt('compare.title')}</div>
          <button type="button" className="whatif-close" onClick={() => store.setComparing(false)} aria-label={pt('compare.close')} data-testid="compare-close">
            ×
          </button>
        </div>
        <div className="compare-toggle" role="radiogroup" aria-label={pt('compare.title')}>
          {MODES.map(([mode, label]) => (
            <button key={mode} type="button" role="radio" aria-checked={store.view === mode} className={store.view === mode ? 'active' : ''} onClick={() => store.setView(mode)} data-testid={`compare-${mode}`}>
              {pt(label)}
            </button>
          ))}
        </div>
        {store.view === 'swipe' && <div className="whatif-sub">{pt('compare.swipeHint')}</div>}
        <HeatCompare store={store} places={places} loader={loader} />
        {children}
      </aside>
    </>
  );
}

type Span = 'now' | 'day';
const SPANS: Array<[Span, PlanStringKey]> = [
  ['now', 'compare.spanNow'],
  ['day', 'compare.spanDay'],
];

/**
 * A change in hours as the table shows it: a district's area-mean hours move by minutes (a street of
 * trees in a district of square kilometres), so below an hour the change is given in minutes.
 */
function formatChangeHours(d: number, num: (value: number, digits?: number) => string): string {
  const sign = d < 0 ? '−' : d > 0 ? '+' : '±';
  const min = Math.abs(d) * 60;
  if (min >= 60) return `${sign}${num(Math.abs(d), 2)}\u00a0h`;
  return `${sign}${num(min, min === 0 ? 0 : min < 1 ? 2 : min < 10 ? 1 : 0)}\u00a0min`;
}

function HeatCompare({ store, places, loader }: { store: WhatIfStore; places: ReadonlyArray<Place>; loader: PlanDayLoader }) {
  const pt = usePlanT();
  const { num, time, day: dayName } = useI18n();
  const [span, setSpan] = useState<Span>('now');
  const result = store.result();
  if (!result || store.measures().length === 0) {
    return (
      <CompareSection title={pt('compare.heat')} testId="compare-heat">
        <div className="places-note">{store.error ?? pt('compare.empty')}</div>
      </CompareSection>
    );
  }
  const table = comparePlan(result, places, loader.day);
  // a no-break space between a number and its unit: a phone's narrow column must not leave "°C" alone on a line
  const c = (v: number) => `${num(v, 1)}\u00a0°C`;
  const pair = (v: BeforeAfter, f: (x: number) => string, delta: (d: number) => string) => (
    <>
      {f(v.before)} → {f(v.after)} <span className="compare-delta">{delta(v.after - v.before)}</span>
    </>
  );
  const dK = (d: number) => formatChangeK(d, num);
  const dPct = (d: number) => `${d < 0 ? '−' : d > 0 ? '+' : '±'}${num(Math.abs(d) * 100, Math.abs(d) < 0.001 && d !== 0 ? 3 : 1)} %`;
  const dH = (d: number) => formatChangeHours(d, num);
  const h = (v: number) => `${num(v, 2)}\u00a0h`;
  const day = table.day;
  return (
    <CompareSection title={pt('compare.heat')} testId="compare-heat">
      <div className="compare-toggle" role="radiogroup" aria-label={pt('compare.span')}>
        {SPANS.map(([s, label]) => (
          <button key={s} type="button" role="radio" aria-checked={span === s} className={span === s ? 'active' : ''} onClick={() => setSpan(s)} data-testid={`compare-span-${s}`}>
            {pt(label)}
          </button>
        ))}
      </div>
      {table.districts.length === 0 ? (
        <div className="places-note">{pt('compare.noDistricts')}</div>
      ) : span === 'day' ? (
        day === null ? (
          <div className="places-note">{pt('compare.dayLoading')}</div>
        ) : (
          <>
            <table className="compare-table" data-testid="compare-districts-day">
              <thead>
                <tr>
                  <th>{pt('compare.district')}</th>
                  <th>{pt('compare.mean')}</th>
                  <th>{pt('compare.max')}</th>
                  <th>{pt('compare.hoursStrong')}</th>
                </tr>
              </thead>
              <tbody>
                {table.districts.map((d) => (
                  <tr key={d.district} data-district={d.district} data-mean-delta={d.day ? d.day.mean.after - d.day.mean.before : undefined} data-hours-before={d.day?.hoursStrong.before} data-hours-after={d.day?.hoursStrong.after}>
                    <th scope="row">{d.district}</th>
                    {d.day ? (
                      <>
                        <td>{pair(d.day.mean, c, dK)}</td>
                        <td>{pair(d.day.max, c, dK)}</td>
                        <td>{pair(d.day.hoursStrong, h, dH)}</td>
                      </>
                    ) : (
                      <td colSpan={3}>–</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="whatif-sub">{pt('compare.districtDayNote')}</div>
          </>
        )
      ) : (
        <table className="compare-table" data-testid="compare-districts">
          <thead>
            <tr>
              <th>{pt('compare.district')}</th>
              <th>{pt('compare.mean')}</th>
              <th>{pt('compare.max')}</th>
              <th>{pt('compare.share32')}</th>
            </tr>
          </thead>
          <tbody>
            {table.districts.map((d) => (
              <tr key={d.district} data-district={d.district} data-mean-delta={d.mean.after - d.mean.before}>
                <th scope="row">{d.district}</th>
                <td>{pair(d.mean, c, dK)}</td>
                <td>{pair(d.max, c, dK)}</td>
                <td>{pair(d.shareStrong, (v) => `${num(v * 100, 1)} %`, dPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{pt('compare.placesTitle')}</h4>
      {table.places.length === 0 ? (
        <div className="places-note">{loader.loading ? pt('compare.dayLoading') : pt('compare.noPlaces')}</div>
      ) : (
        <table className="compare-table" data-testid="compare-places">
          <thead>
            <tr>
              <th>{pt('compare.place')}</th>
              <th>{pt('compare.now')}</th>
              <th>{pt('compare.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {table.places.slice(0, 12).map((p) => (
              <tr key={p.id} data-place={p.id} data-hours-before={p.hours?.before} data-hours-after={p.hours?.after}>
                <th scope="row">
                  {p.name} <span className="whatif-sub">{pt(p.type === 'kita' ? 'compare.kita' : 'compare.school')}</span>
                </th>
                <td>{p.now ? pair(p.now, c, dK) : <span className="whatif-sub">{pt('compare.notNow')}</span>}</td>
                <td>{p.hours ? pair(p.hours, h, dH) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="whatif-sub" data-testid="compare-day-note">
        {loader.error ??
          (day === null
            ? pt('compare.dayLoading')
            : day.steps === 0
              ? pt('compare.dayNone')
              : pt('compare.dayNote', { date: dayName(day.from), from: time(day.from), to: time(day.to) === '00:00' && day.to > day.from ? '24:00' : time(day.to), n: day.steps }))}
      </div>
    </CompareSection>
  );
}

/** The split view's divider: today left of it, the plan right; dragged with the pointer or the arrow keys. */
function SwipeDivider({ store }: { store: WhatIfStore }) {
  const pt = usePlanT();
  const [dragging, setDragging] = useState(false);
  const moveTo = (e: PointerEvent<HTMLDivElement>) => {
    const area = e.currentTarget.parentElement!.getBoundingClientRect();
    store.setSwipeAt((e.clientX - area.left) / area.width);
  };
  return (
    <div
      className={`compare-swipe${dragging ? ' dragging' : ''}`}
      style={{ left: `${store.swipeAt * 100}%` }}
      role="slider"
      tabIndex={0}
      aria-label={pt('compare.swipeHint')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(store.swipeAt * 100)}
      data-testid="compare-swipe"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        setDragging(true);
      }}
      onPointerMove={(e) => dragging && moveTo(e)}
      onPointerUp={() => setDragging(false)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowLeft') store.setSwipeAt(store.swipeAt - 0.05);
        if (e.key === 'ArrowRight') store.setSwipeAt(store.swipeAt + 0.05);
      }}
    >
      <span className="compare-swipe-label left">{pt('compare.today')}</span>
      <span className="compare-swipe-label right">{pt('compare.plan')}</span>
    </div>
  );
}
