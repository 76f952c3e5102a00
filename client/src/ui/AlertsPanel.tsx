import type { DisplayedCity } from '../time/displayed-city.js';
import { useShownCity } from '../time/use-shown.js';
import { useI18n } from '../i18n/i18n.js';

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
/** Enough to see the worst places at a glance; the count says how many more there are. */
const MAX_SHOWN = 5;

/** Active heat alerts, the most severe first: place, level, since when. */
export function AlertsPanel({ shown }: { shown: DisplayedCity }) {
  const view = useShownCity(shown);
  const { t, time, num } = useI18n();
  if (view.alerts.length === 0) return null;
  const alerts = [...view.alerts].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.raisedAt - a.raisedAt);
  return (
    <aside className="alerts" data-testid="alerts">
      <div className="panel-title">
        {t('alerts.title')} ({alerts.length})
      </div>
      {alerts.slice(0, MAX_SHOWN).map((a) => (
        <div key={a.id} className={`alert alert-${a.level}`} data-testid="alert">
          <div className="alert-head">
            {a.value !== null && <strong>{num(a.value, 1)} {a.unit}</strong>} {t(`alerts.place.${a.place.type}`)} {a.place.name}
          </div>
          <div className="alert-time">
            {t(`alerts.${a.level}`)} · {t('alerts.since')} {time(a.raisedAt)}
          </div>
        </div>
      ))}
      {alerts.length > MAX_SHOWN && <div className="alert-more">+ {alerts.length - MAX_SHOWN}</div>}
    </aside>
  );
}
