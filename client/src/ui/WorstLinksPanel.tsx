import type { SensorProperties } from '../../../common/sensors.js';
import { worstLinks } from '../../../common/traffic-ranking.js';
import { useI18n } from '../i18n/i18n.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useParts } from '../live/use-parts.js';
import { LOS_COLORS, rgbCss } from '../map/colors.js';
import { localName } from '../i18n/place-names.js';
import { shortName } from '../wall/short-name.js';
import { MoreRows } from '../wall/MoreRows.js';

/** The five worst links right now, by travel-time index: where the control room looks first. */
/** `wall`: names abbreviated the way traffic signs do (the wall's column has no line to spare). */
export function WorstLinksPanel({ shown, sensors, wall = false }: { shown: DisplayedCity; sensors: ReadonlyMap<string, SensorProperties>; wall?: boolean }) {
  useParts(shown, () => {
    const v = shown.view();
    return [v, v.worstLinks, v.worstLinks ? null : v.versions.traffic];
  });
  const view = shown.view();
  const { t, num, lang } = useI18n();
  const cityNow = view.cityNow() ?? 0;
  // Live: the server's ranking of the whole city (the store may hold only the subscribed area).
  const worst = view.worstLinks ?? worstLinks(view.entries.values(), sensors, cityNow, 5);
  if (worst.length === 0) return null;
  return (
    <aside className="worst wall-list-panel" data-testid="worst-links">
      <div className="panel-title">{t('worst.title')}</div>
      <div className="wall-rows">
        {worst.map((w) => (
          <div key={w.sensorId} className="worst-row">
            <span className="los-chip" style={{ background: rgbCss(LOS_COLORS[w.los]) }}>
              {w.los}
            </span>
            {/* wraps at word boundaries: a name is never cut */}
            <span className="worst-name" data-testid="worst-name">
              {localName(wall ? shortName(w.name) : w.name, lang)}
            </span>
            <span className="worst-figure">
              ×{num(w.travelTimeIndex, 1)} · {num(w.speedKmh)} {t('unit.kmh')}
            </span>
          </div>
        ))}
      </div>
      <MoreRows overCap={0} testId="worst-links-more" />
    </aside>
  );
}
