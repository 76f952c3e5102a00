import { useI18n } from './i18n.js';
import type { Lang } from './strings.js';

/**
 * Texts of the planner's map tools (search, bottom sheet), German first. Kept beside the main table so
 * these panels can grow without touching it; the English table must have exactly the German keys.
 */
const de = {
  'sheet.open': 'Ebenen, Meldungen und Listen öffnen',
  'sheet.close': 'Schließen',
  'sheet.summary': 'Ebenen · Meldungen · Listen',
  'search.label': 'Suche',
  'search.placeholder': 'Suchen: Station, Parkhaus, Straße, Kita …',
  'search.hint': 'Taste / zum Suchen, ↑ ↓ wählen, Enter öffnen',
  'search.none': 'Nichts gefunden',
  'search.kind.climate': 'Klimastation',
  'search.kind.traffic': 'Straße (Verkehr)',
  'search.kind.parking': 'Parkhaus',
  'search.kind.charging': 'Ladestandort',
  'search.kind.kita': 'Kita',
  'search.kind.school': 'Schule',
  'search.kind.playground': 'Spielplatz',
  'search.kind.district': 'Stadtbezirk',
  'search.kind.tree': 'Baumsensor (Bodenfeuchte)',
  'place.close': 'Schließen',
};

const en: Record<keyof typeof de, string> = {
  'sheet.open': 'Open layers, alerts and lists',
  'sheet.close': 'Close',
  'sheet.summary': 'Layers · Alerts · Lists',
  'search.label': 'Search',
  'search.placeholder': 'Search: station, car park, street, day-care …',
  'search.hint': 'Press / to search, ↑ ↓ to choose, Enter to open',
  'search.none': 'Nothing found',
  'search.kind.climate': 'Climate station',
  'search.kind.traffic': 'Street (traffic)',
  'search.kind.parking': 'Car park',
  'search.kind.charging': 'Charging site',
  'search.kind.kita': 'Day-care centre',
  'search.kind.school': 'School',
  'search.kind.playground': 'Playground',
  'search.kind.district': 'District',
  'search.kind.tree': 'Tree sensor (soil moisture)',
  'place.close': 'Close',
};

export type PlannerStringKey = keyof typeof de;
export const PLANNER_STRINGS: Record<Lang, Record<PlannerStringKey, string>> = { de, en };

/** `t` for the planner's texts in the page's language. */
export function usePlannerT(): (key: PlannerStringKey) => string {
  const { lang } = useI18n();
  return (key) => PLANNER_STRINGS[lang][key];
}
