import { memo } from 'react';
import type { ChargingSiteDay } from '../../../common/charging-history.js';
import { useI18n } from '../i18n/i18n.js';
import { useChargingT } from './charging-strings.js';
import { STATUS_COLORS } from './StatusAreaChart.js';

/** The site's own name: the panel says they are charging sites once, in its title. */
export const siteLabel = (name: string) => name.replace(/^Ladestation\s+/, '');

/** Most used first; sites without data last, by name. */
export function rankSites(sites: ReadonlyArray<ChargingSiteDay>): ChargingSiteDay[] {
  return [...sites].sort((a, b) => (b.utilisation ?? -1) - (a.utilisation ?? -1) || a.name.localeCompare(b.name, 'de'));
}

/**
 * Utilisation per site over the day as bars (occupied share, and the out-of-order share after it);
 * a row picks the site for the site chart.
 */
export const UtilisationRanking = memo(function UtilisationRanking({ sites, selected, onSelect }: { sites: ReadonlyArray<ChargingSiteDay>; selected: string | null; onSelect: (id: string) => void }) {
  const { num } = useI18n();
  const t = useChargingT();
  const pct = (v: number) => `${num(v * 100, 0)} %`;
  return (
    <figure className="chart emob-ranking" data-testid="emob-ranking">
      <figcaption title={t('emob.rankingHint')}>{t('emob.ranking')}</figcaption>
      <ol>
        {rankSites(sites).map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className={s.id === selected ? 'selected' : undefined}
              onClick={() => onSelect(s.id)}
              aria-pressed={s.id === selected}
              data-testid="emob-rank-row"
              data-site={s.id}
              data-utilisation={s.utilisation ?? ''}
              title={s.outOfOrderShare ? `${t('emob.outOfOrder')}: ${pct(s.outOfOrderShare)}` : undefined}
            >
              <span className="emob-rank-name">
                {siteLabel(s.name)}
                <small>
                  {s.district} · {s.points}
                </small>
              </span>
              <span className="emob-bar" aria-hidden="true">
                {s.utilisation !== null && <i style={{ width: `${s.utilisation * 100}%`, background: STATUS_COLORS.occupied }} />}
                {s.outOfOrderShare ? <i style={{ width: `${s.outOfOrderShare * 100}%`, background: STATUS_COLORS.outOfOrder }} /> : null}
              </span>
              <span className="emob-rank-value">{s.utilisation === null ? t('emob.noData') : pct(s.utilisation)}</span>
            </button>
          </li>
        ))}
      </ol>
    </figure>
  );
});
