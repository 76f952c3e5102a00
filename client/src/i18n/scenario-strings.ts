import { useI18n } from './i18n.js';
import type { Lang } from './strings.js';

/** Texts of the scenario picker (admin), German first; the English table must have exactly the German keys. */
const de = {
  'scenario.open': 'Szenario wechseln',
  'scenario.title': 'Szenario wechseln',
  'scenario.intro': 'Alle Bildschirme zeigen sofort die gewählte Stadt. Die Historie beginnt einen neuen Lauf; der bisherige bleibt abrufbar.',
  'scenario.running': 'läuft',
  'scenario.start': 'Start',
  'scenario.speed': 'Tempo (× Echtzeit)',
  'scenario.speedHint': 'leer: {n}',
  'scenario.submit': 'Wechseln',
  'scenario.busy': 'Wechsle …',
  'scenario.cancel': 'Abbrechen',
  'scenario.failed': 'Wechsel fehlgeschlagen',
  'scenario.loading': 'Szenarien werden geladen …',
  /** the demo tour plays a recorded run: the header says so instead of "Rückblick" */
  'scenario.recording': 'Aufzeichnung',
};

const en: Record<keyof typeof de, string> = {
  'scenario.open': 'Switch scenario',
  'scenario.title': 'Switch scenario',
  'scenario.intro': 'Every screen shows the chosen city at once. The history starts a new run; the previous one stays available.',
  'scenario.running': 'running',
  'scenario.start': 'Start',
  'scenario.speed': 'Speed (× real time)',
  'scenario.speedHint': 'empty: {n}',
  'scenario.submit': 'Switch',
  'scenario.busy': 'Switching …',
  'scenario.cancel': 'Cancel',
  'scenario.failed': 'Switch failed',
  'scenario.loading': 'Loading scenarios …',
  'scenario.recording': 'Recording',
};

export type ScenarioStringKey = keyof typeof de;
export const SCENARIO_STRINGS: Record<Lang, Record<ScenarioStringKey, string>> = { de, en };

/** `t` for the scenario picker's texts in the page's language. */
export function useScenarioT(): (key: ScenarioStringKey) => string {
  const { lang } = useI18n();
  return (key) => SCENARIO_STRINGS[lang][key];
}
