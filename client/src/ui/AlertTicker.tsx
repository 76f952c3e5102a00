import { MoreRows } from '../wall/MoreRows.js';
import { localName } from '../i18n/place-names.js';
import { wallAlerts } from '../../../common/models/alert-groups.js';
import { useI18n } from '../i18n/i18n.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useShownCity } from '../time/use-shown.js';
import { groupName } from './AlertsPanel.js';
import './alerts.css';

/**
 * The wall's ticker: unacknowledged alert groups (shelved ones left out), the most urgent first, at
 * most `cap` of them (ALERT_WALL_CAP) and how many more wait. Nothing to act on, nothing shown.
 */
export function AlertTicker({ shown, cap }: { shown: DisplayedCity; cap: number }) {
  const view = useShownCity(shown);
  const { t, time, lang } = useI18n();
  const { groups, hidden } = wallAlerts(view.alerts, cap);
  if (groups.length === 0) return null;
  return (
    <aside className="alerts alert-ticker wall-list-panel" data-testid="alert-ticker">
      <div className="panel-title">
        {t('alerts.ticker')} ({groups.reduce((n, g) => n + g.unacknowledged, 0)})
      </div>
      <div className="alert-ticker-list wall-rows">
        {groups.map((g) => {
          const head = g.alerts[0];
          return (
            <div key={g.id} className={`alert alert-sev-${g.severity}`} data-testid="alert-ticker-item">
              <div className="alert-head">
                <strong>{t(`alerts.${head.level}`)}</strong> · {g.alerts.length > 1 ? `${groupName(g, t)} (${g.alerts.length})` : localName(head.place.name, lang)}
              </div>
              <div className="alert-time">
                {t('alerts.since')} {time(Math.min(...g.alerts.map((a) => a.raisedAt)))}
              </div>
            </div>
          );
        })}
      </div>
      <MoreRows overCap={hidden} testId="alert-ticker-more" />
    </aside>
  );
}
