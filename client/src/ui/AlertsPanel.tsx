import type { LiveStore } from '../live/live-store.js';
import { useLiveVersion } from '../live/use-live.js';
import { useI18n } from '../i18n/i18n.js';

const LEVEL_ORDER = { very_strong: 0, strong: 1 } as const;

/** Active heat alerts, the most severe first: place, level, since when. */
export function AlertsPanel({ store }: { store: LiveStore }) {
  useLiveVersion(store);
  const { t, time, num } = useI18n();
  if (store.alerts.length === 0) return null;
  const alerts = [...store.alerts].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || b.utciC - a.utciC);
  return (
    <aside className="alerts" data-testid="alerts">
      <div className="panel-title">
        {t('alerts.title')} ({alerts.length})
      </div>
      {alerts.slice(0, 8).map((a) => (
        <div key={a.id} className={`alert alert-${a.level}`} data-testid="alert">
          <div className="alert-head">
            <strong>{t(`alerts.${a.level}`)}</strong> · {num(a.utciC, 1)} °C
          </div>
          <div>
            {t(`alerts.place.${a.place.type}`)} {a.place.name}
          </div>
          <div className="alert-time">
            {t('alerts.since')} {time(a.raisedAt)}
          </div>
        </div>
      ))}
      {alerts.length > 8 && <div className="alert-more">+ {alerts.length - 8}</div>}
    </aside>
  );
}
