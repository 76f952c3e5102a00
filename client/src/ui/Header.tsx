import type { LiveStore } from '../live/live-store.js';
import { useLiveVersion, useNow } from '../live/use-live.js';
import { useI18n } from '../i18n/i18n.js';
import { ConnectionBadge } from './ConnectionBadge.js';

export function Header({ store }: { store: LiveStore }) {
  useLiveVersion(store);
  const now = useNow();
  const { t, time, lang, setLang } = useI18n();
  const cityNow = store.cityNow(now);
  const scenario = store.scenario;
  return (
    <header className="header">
      <div className="brand">
        <h1>{t('appTitle')}</h1>
        <span className="subtitle">{t('appSubtitle')}</span>
      </div>
      <div className="clock" data-testid="city-time">
        <span className="clock-time">{cityNow === null ? '--:--:--' : time(cityNow, true)}</span>
        <span className="clock-label">
          {t('cityTime')}
          {scenario && (
            <>
              {' · '}
              {t('simulated')} · {scenario.name[lang]} ×{scenario.speed}
            </>
          )}
        </span>
      </div>
      <ConnectionBadge store={store} now={now} />
      <button className="lang" type="button" onClick={() => setLang(lang === 'de' ? 'en' : 'de')} data-testid="lang-toggle">
        {t('language')}
      </button>
    </header>
  );
}
