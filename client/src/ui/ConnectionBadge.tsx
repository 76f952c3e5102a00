import type { LiveStore } from '../live/live-store.js';
import { useI18n } from '../i18n/i18n.js';

/** Age of the last message, for humans: "12 s", "3 min". */
export function formatAge(ms: number, t: (k: 'seconds' | 'minutes') => string): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s} ${t('seconds')}` : `${Math.round(s / 60)} ${t('minutes')}`;
}

export function ConnectionBadge({ store, now }: { store: LiveStore; now: number }) {
  const { t } = useI18n();
  const status = store.status;
  const age = store.lastMessageAt === null ? null : now - store.lastMessageAt;
  return (
    <div className={`badge badge-${status}`} data-testid="connection" data-status={status} role="status" aria-live="polite">
      <span className="dot" />
      <span>{t(`status.${status}`)}</span>
      {status !== 'live' && age !== null && (
        <span className="badge-age">
          {t('status.lastUpdate')} {formatAge(age, t)}
        </span>
      )}
    </div>
  );
}

/** Across the map when the data is not live: a wall display must never look fine while it is frozen. */
export function StaleBanner({ store, now }: { store: LiveStore; now: number }) {
  const { t } = useI18n();
  if (store.status === 'live' || store.status === 'connecting') return null;
  const age = store.lastMessageAt === null ? null : now - store.lastMessageAt;
  return (
    <div className={`stale-banner stale-${store.status}`} data-testid="stale-banner">
      <strong>{t(`status.${store.status}`)}</strong>
      {age !== null && (
        <span>
          {' · '}
          {t('status.lastUpdate')} {formatAge(age, t)}
        </span>
      )}
      {store.status === 'offline' && <span> · {t('status.reconnecting')}</span>}
    </div>
  );
}
