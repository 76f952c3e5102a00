import { useSyncExternalStore, type ComponentType, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { localName } from '../../i18n/place-names.js';
import { useRoadworksT } from '../../i18n/roadworks-strings.js';
import { PEAKS, type RoadworksStore } from './roadworks-store.js';
import { ChangeRow, linkName } from './RoadworksTool.js';

/** Links the compare view lists: the planned ones and the strongest changes around them. */
const ROWS = 6;

/**
 * The traffic what-if in the compare view ("Verkehr"): the evaluated roadworks' totals at each peak
 * and the links that change most at the peak shown on the map, in the compare view's own section
 * component (`Section`); the tool in the what-if panel is where the roadworks are planned.
 */
export function TrafficCompare({ store, Section }: { store: RoadworksStore; Section: ComponentType<{ title: string; testId?: string; children: ReactNode }> }) {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const rt = useRoadworksT();
  return (
    <Section title={rt('rw.compareTitle')} testId="compare-traffic">
      <TrafficFigures store={store} />
    </Section>
  );
}

function TrafficFigures({ store }: { store: RoadworksStore }) {
  const rt = useRoadworksT();
  const { num, lang } = useI18n();
  const result = store.result;
  if (!result) return <div className="whatif-sub">{rt('rw.compareEmpty')}</div>;
  const shown = result.instants[store.shownInstant];
  const peak = (i: number) => rt(`rw.peak.${PEAKS[i]?.key ?? 'morning'}`);
  return (
    <div className="roadworks-result" data-testid="compare-traffic-figures">
      <table className="roadworks-table">
        <thead>
          <tr>
            <th>{rt('rw.col.peak')}</th>
            <th>{rt('rw.vehicleHours')}</th>
            <th>{rt('rw.congested')}</th>
          </tr>
        </thead>
        <tbody>
          {result.instants.map((inst, i) => (
            <tr key={inst.at}>
              <td>{peak(i)}</td>
              <td>
                {num(inst.before.vehicleHours, 0)} → <b>{num(inst.after.vehicleHours, 0)}</b>
              </td>
              <td>
                {num(inst.before.congestedLaneKm, 1)} → <b>{num(inst.after.congestedLaneKm, 1)}</b>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown && shown.links.length > 0 && (
        <>
          <div className="whatif-sub">{rt('rw.strongest').replace('{peak}', peak(store.shownInstant))}</div>
          <table className="roadworks-table">
            <tbody>
              {shown.links.slice(0, ROWS).map((c) => (
                <ChangeRow key={c.linkId} c={c} name={localName(linkName(store.byId.get(c.linkId) ?? { id: c.linkId, street: c.street }), lang)} closed={rt('rw.closed')} num={num} />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
