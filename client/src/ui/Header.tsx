import type { LiveStore } from '../live/live-store.js';
import { useNow } from '../live/use-live.js';
import { useParts } from '../live/use-parts.js';
import { cursorParts, linkParts } from '../live/link-parts.js';
import { useI18n } from '../i18n/i18n.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { ConnectionBadge } from './ConnectionBadge.js';
import { AuthControl } from '../auth/AuthControl.js';
import { ScenarioPicker } from '../scenario/ScenarioPicker.js';
import { useScenarioNames } from '../scenario/use-scenario-names.js';
import { useScenarioT } from '../i18n/scenario-strings.js';

/** Says unmistakably whether the page shows the present or a moment looked back at. */
function ViewMode({ shown, recording }: { shown: DisplayedCity; recording: boolean }) {
  const { t, dayTime } = useI18n();
  const st = useScenarioT();
  const at = shown.wantedAt();
  // Live, the connection badge says "Live" (or why not): a second green "Live" beside "Verbindung unterbrochen" would contradict it.
  if (at === null) return <div className="view-mode" data-testid="view-mode" data-mode="live" hidden />;
  return (
    <div className="view-mode view-past" data-testid="view-mode" data-mode="past" data-at={at} data-loaded={shown.loading() ? 'no' : 'yes'}>
      {recording ? st('scenario.recording') : t('time.replay')} {dayTime(at)}
      {shown.loading() && <span className="view-loading"> · {shown.error ? t('time.unavailable') : t('time.loading')}</span>}
    </div>
  );
}

/**
 * @param recordedScenario in the demo: the id of the scenario whose recording the screen shows (null while
 *   none); the header then names it and shows its city time instead of the live scenario's
 */
export function Header({ store, shown, recordedScenario }: { store: LiveStore; shown: DisplayedCity; recordedScenario?: () => string | null }) {
  // Not on every delta: the clock runs on the shared ticker (useNow) from the city time last heard; of the
  // stream only the scenario, the link's state and the first message show here, of the cursor its instant.
  useParts(store, () => linkParts(store));
  useParts(shown, () => cursorParts(shown));
  const now = useNow();
  const { t, time, lang, setLang } = useI18n();
  const st = useScenarioT();
  const past = shown.wantedAt();
  const cityNow = past ?? store.cityNow(now);
  const names = useScenarioNames(recordedScenario !== undefined);
  const recorded = past === null ? null : (recordedScenario?.() ?? null);
  const scenario = store.scenario;
  return (
    <header className={past === null ? 'header' : 'header header-past'}>
      <div className="brand">
        <h1>{t('appTitle')}</h1>
        <span className="subtitle">{t('appSubtitle')}</span>
      </div>
      <ViewMode shown={shown} recording={recorded !== null} />
      <div className="clock" data-testid="city-time">
        <span className="clock-time">{cityNow === null ? '--:--:--' : time(cityNow, true)}</span>
        <span className="clock-label">
          {t('cityTime')}
          {recorded !== null ? (
            <span data-testid="header-scenario" data-scenario={recorded}>
              {' · '}
              {st('scenario.recording')} · {names.get(recorded)?.[lang] ?? recorded}
            </span>
          ) : (
            scenario && (
              <span data-testid="header-scenario" data-scenario={scenario.id}>
                {' · '}
                {t('simulated')} · {scenario.name[lang]} ×{scenario.speed}
              </span>
            )
          )}
        </span>
      </div>
      <ConnectionBadge store={store} now={now} />
      <ScenarioPicker store={store} />
      <AuthControl />
      <button className="lang" type="button" onClick={() => setLang(lang === 'de' ? 'en' : 'de')} data-testid="lang-toggle">
        {t('language')}
      </button>
    </header>
  );
}
