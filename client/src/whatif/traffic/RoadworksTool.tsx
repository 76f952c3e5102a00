import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { roleSatisfies } from '../../../../common/auth.js';
import type { LinkComparisonWire, RoadLinkShape } from '../../../../common/whatif-traffic.js';
import { useAuth } from '../../auth/use-auth.js';
import { closureDirection } from '../../closures/closure-direction.js';
import { useI18n } from '../../i18n/i18n.js';
import { localName } from '../../i18n/place-names.js';
import { useRoadworksT } from '../../i18n/roadworks-strings.js';
import { rgbCss } from '../../map/colors.js';
import { foldExpanded } from '../../search/search-match.js';
import { ROADWORKS_DIFF_STOPS, timeChange } from './roadworks-layers.js';
import { PEAKS, type RoadworksStore } from './roadworks-store.js';
import './roadworks.css';

/** Rows the table shows before "show all". */
const FIRST_ROWS = 10;

/** "A40 Richtung Osten (Abschnitt 8)": street, direction and section, as the detectors are named. */
export function linkName(link: { id: string; street: string }): string {
  const direction = closureDirection(link.street, undefined, link.id);
  const n = /-(\d+)-[a-z]+$/.exec(link.id)?.[1];
  return [link.street, direction, n ? `(Abschnitt ${n})` : ''].filter(Boolean).join(' ');
}

/**
 * "Baustelle planen": pick links (map or list), set the dates, evaluate the morning and evening peak
 * in the server's sandbox of the traffic model, and read which links change (LOS before → after,
 * travel time) with the network totals. The map draws the closed and the changed links.
 */
export function RoadworksTool({ store }: { store: RoadworksStore }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  useEffect(() => store.start(), [store]);
  const rt = useRoadworksT();
  const { num, lang } = useI18n();
  const auth = useAuth();
  const [query, setQuery] = useState('');
  const [allRows, setAllRows] = useState(false);
  const mayEvaluate = auth?.user != null && roleSatisfies(auth.user.role, 'planner');
  const name = (l: { id: string; street: string }) => localName(linkName(l), lang);
  const matches = useMemo(() => {
    const q = foldExpanded(query);
    if (q.length < 2) return [];
    return store.links.filter((l) => foldExpanded(`${l.street} ${l.id}`).includes(q)).slice(0, 8);
  }, [query, store.links]);
  const req = store.request();
  const instant = store.result?.instants[store.shownInstant] ?? null;
  const rows = instant ? (allRows ? instant.links : instant.links.slice(0, FIRST_ROWS)) : [];
  const pct = (before: number, after: number) => (before > 0 ? `${after >= before ? '+' : '−'}${num((Math.abs(after - before) / before) * 100, 0)} %` : '');

  return (
    <section className="roadworks" data-testid="roadworks">
      <div className="panel-title">{rt('rw.title')}</div>
      <div className="whatif-sub">{rt('rw.intro')}</div>
      <div className="whatif-row">
        <button type="button" className={store.picking ? 'active' : ''} aria-pressed={store.picking} onClick={() => store.setPicking(!store.picking)} data-testid="roadworks-pick">
          {store.picking ? rt('rw.done') : rt('rw.pick')}
        </button>
        <label className="roadworks-both">
          <input type="checkbox" checked={store.bothDirections} onChange={(e) => store.set({ bothDirections: e.target.checked })} />
          {rt('rw.both')}
        </label>
      </div>
      {store.picking && <div className="whatif-hint">{rt('rw.picking')}</div>}
      <label className="roadworks-search">
        <span>{rt('rw.search')}</span>
        <input type="search" value={query} placeholder={rt('rw.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} data-testid="roadworks-search" />
      </label>
      {matches.length > 0 && (
        <ul className="roadworks-matches" data-testid="roadworks-matches">
          {matches.map((l) => (
            <li key={l.id}>
              <button
                type="button"
                onClick={() => {
                  if (!store.picked.includes(l.id)) store.toggle(l.id);
                  setQuery('');
                }}
                data-link={l.id}
              >
                {name(l)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {store.picked.length > 0 && (
        <ul className="whatif-measures" data-testid="roadworks-picked">
          {store.picked.map((id) => {
            const l: RoadLinkShape | undefined = store.byId.get(id);
            return (
              <li key={id} data-link={id}>
                <span>{l ? name(l) : id}</span>
                <button type="button" onClick={() => store.remove(id)} aria-label={rt('rw.remove')}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="roadworks-dates">
        <label>
          {rt('rw.from')}
          <input type="date" value={store.from} onChange={(e) => store.set({ from: e.target.value })} data-testid="roadworks-from" />
        </label>
        <label>
          {rt('rw.until')}
          <input type="date" value={store.until} onChange={(e) => store.set({ until: e.target.value })} data-testid="roadworks-until" />
        </label>
        <label>
          {rt('rw.day')}
          <input type="date" value={store.day} onChange={(e) => store.set({ day: e.target.value })} data-testid="roadworks-day" />
        </label>
      </div>
      <div className="whatif-row">
        <button type="button" onClick={() => void store.evaluate()} disabled={!req.ok || !mayEvaluate || store.busy} data-testid="roadworks-evaluate">
          {store.busy ? rt('rw.busy') : rt('rw.evaluate')}
        </button>
        <button type="button" onClick={() => store.clear()} disabled={store.picked.length === 0}>
          {rt('rw.clear')}
        </button>
      </div>
      {!mayEvaluate && <div className="whatif-sub">{rt('rw.needLogin')}</div>}
      {!req.ok && store.links.length > 0 && <div className="whatif-sub">{rt(req.reason === 'noLinks' ? 'rw.noLinks' : 'rw.badDates')}</div>}
      {store.error && (
        <div className="roadworks-error" role="alert">
          {store.error}
        </div>
      )}
      {store.result && instant && (
        <div className="roadworks-result" data-testid="roadworks-result" aria-live="polite">
          <div className="whatif-views" role="radiogroup">
            {store.result.instants.map((_, i) => (
              <label key={PEAKS[i]?.key ?? i}>
                <input type="radio" name="roadworks-instant" checked={store.shownInstant === i} onChange={() => store.set({ shownInstant: i })} data-testid={`roadworks-instant-${PEAKS[i]?.key ?? i}`} />
                {rt(`rw.peak.${PEAKS[i]?.key ?? 'morning'}`)}
              </label>
            ))}
          </div>
          {instant.inForce.length === 0 ? (
            <div className="whatif-sub">{rt('rw.notInForce')}</div>
          ) : (
            <>
              <div className="roadworks-totals" data-testid="roadworks-totals">
                <div>
                  {rt('rw.vehicleHours')}: {num(instant.before.vehicleHours, 0)} → <b>{num(instant.after.vehicleHours, 0)}</b> ({pct(instant.before.vehicleHours, instant.after.vehicleHours)})
                </div>
                <div>
                  {rt('rw.congested')}: {num(instant.before.congestedLaneKm, 1)} → <b>{num(instant.after.congestedLaneKm, 1)}</b>
                </div>
                {instant.after.unassignedVehH > instant.before.unassignedVehH && (
                  <div className="roadworks-warning">{rt('rw.unassigned').replace('{n}', num(instant.after.unassignedVehH - instant.before.unassignedVehH, 0))}</div>
                )}
                {store.result.liveClosures.length > 0 && <div className="whatif-sub">{rt('rw.live').replace('{n}', String(store.result.liveClosures.length))}</div>}
                <div className="whatif-sub">{rt('rw.affected').replace('{n}', String(instant.links.length))}</div>
              </div>
              <table className="roadworks-table" data-testid="roadworks-table">
                <thead>
                  <tr>
                    <th>{rt('rw.col.link')}</th>
                    <th>{rt('rw.col.los')}</th>
                    <th>{rt('rw.col.time')}</th>
                    <th>{rt('rw.col.volume')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <ChangeRow key={c.linkId} c={c} name={name(store.byId.get(c.linkId) ?? { id: c.linkId, street: c.street })} closed={rt('rw.closed')} num={num} />
                  ))}
                </tbody>
              </table>
              {instant.links.length > FIRST_ROWS && (
                <button type="button" className="roadworks-more" onClick={() => setAllRows(!allRows)}>
                  {allRows ? rt('rw.less') : rt('rw.more').replace('{n}', String(instant.links.length))}
                </button>
              )}
              <div className="legend" data-testid="roadworks-legend">
                <div className="legend-title">{rt('rw.legend')}</div>
                <RoadworksScale faster={rt('rw.faster')} slower={rt('rw.slower')} num={num} />
                <div className="roadworks-closed-key">
                  <span className="roadworks-dash" aria-hidden="true" /> {rt('rw.plannedLegend')}
                </div>
              </div>
            </>
          )}
          <div className="whatif-sub">{rt('rw.model')}</div>
        </div>
      )}
    </section>
  );
}

/** One changed link: name, LOS before → after, travel-time and volume change (the tool's table and the compare view's). */
export function ChangeRow({ c, name, closed, num }: { c: LinkComparisonWire; name: string; closed: string; num: (v: number, d?: number) => string }) {
  const change = timeChange(c);
  const dt = c.travelTimeAfterS !== null && c.travelTimeBeforeS !== null ? c.travelTimeAfterS - c.travelTimeBeforeS : null;
  const dv = c.volumeAfterVehH - c.volumeBeforeVehH;
  const los = (l: string | null) => l ?? closed;
  return (
    <tr data-testid="roadworks-row" data-link={c.linkId} data-los-before={c.losBefore ?? 'closed'} data-los-after={c.losAfter ?? 'closed'} className={c.planned ? 'roadworks-row-planned' : ''}>
      <td>{name}</td>
      <td className="roadworks-los">
        {los(c.losBefore)} → <b>{los(c.losAfter)}</b>
      </td>
      <td>{dt === null ? '–' : `${dt >= 0 ? '+' : '−'}${num(Math.abs(dt), 0)} s${change !== null ? ` (${change >= 0 ? '+' : '−'}${num(Math.abs(change) * 100, 0)} %)` : ''}`}</td>
      <td>
        {dv >= 0 ? '+' : '−'}
        {num(Math.abs(dv), 0)}
      </td>
    </tr>
  );
}

/**
 * The travel-time scale: one column per stop, each stop's colour under its label's centre (the
 * stops are not evenly spaced in value, so a plain gradient would put "0" in the wrong place).
 */
function RoadworksScale({ faster, slower, num }: { faster: string; slower: string; num: (v: number, d?: number) => string }) {
  const n = ROADWORKS_DIFF_STOPS.length;
  const gradient = ROADWORKS_DIFF_STOPS.map(([, c], i) => `${rgbCss(c)} ${(((i + 0.5) / n) * 100).toFixed(1)}%`).join(', ');
  const label = (v: number) => (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${num(Math.abs(v) * 100, 0)} %`);
  return (
    <div className="roadworks-scale" data-testid="roadworks-scale">
      <div className="roadworks-scale-bar" style={{ background: `linear-gradient(to right, ${gradient})` }} />
      <div className="roadworks-scale-ticks" style={{ gridTemplateColumns: `repeat(${n}, minmax(0, 1fr))` }}>
        {ROADWORKS_DIFF_STOPS.map(([v]) => (
          <span key={v}>{label(v)}</span>
        ))}
      </div>
      <div className="roadworks-scale-ends">
        <span>← {faster}</span>
        <span>{slower} →</span>
      </div>
    </div>
  );
}
