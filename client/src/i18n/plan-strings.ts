import { useI18n } from './i18n.js';
import type { Lang } from './strings.js';

/**
 * Texts of the saved plans and the compare view (plan against today), German first. Kept beside the
 * main table like the planner's and the scenario picker's; the English table has exactly the German keys.
 */
const de = {
  'plans.title': 'Gespeicherte Pläne',
  'plans.name': 'Name des Plans',
  'plans.namePlaceholder': 'z. B. Bäume Kortumstraße',
  'plans.save': 'Speichern',
  'plans.saving': 'Speichert …',
  'plans.saved': 'Gespeichert: „{name}“. Der Link in der Adresszeile öffnet ihn.',
  'plans.loginToSave': 'Zum Speichern als Planer anmelden.',
  'plans.none': 'Noch keine gespeicherten Pläne.',
  'plans.open': 'Öffnen',
  'plans.delete': 'Löschen',
  'plans.by': '{author}, {when}',
  'plans.measures': '{n} Maßnahmen',
  'plans.opened': 'Plan „{name}“ von {author}',
  'plans.failed': 'Fehlgeschlagen: {detail}',
  'compare.open': 'Mit heute vergleichen',
  'compare.title': 'Plan gegen heute',
  'compare.close': 'Vergleich schließen',
  'compare.today': 'Heute',
  'compare.plan': 'Plan',
  'compare.swipe': 'Geteilt',
  'compare.swipeHint': 'Links heute, rechts mit Plan: Trenner ziehen',
  'compare.heat': 'Hitze',
  'compare.district': 'Stadtbezirk',
  'compare.mean': 'Ø UTCI',
  'compare.max': 'max. UTCI',
  'compare.share32': 'Fläche ≥ 32 °C',
  'compare.placesTitle': 'Betroffene Kitas und Schulen',
  'compare.place': 'Einrichtung',
  'compare.now': 'UTCI jetzt',
  'compare.hours': 'Std. ≥ 32 °C am Tag',
  'compare.dayNote': 'Stunden starker Hitzebelastung (UTCI ≥ 32 °C) am {date}, {from}–{to} Uhr aus {n} gespeicherten Viertelstunden, mit und ohne Plan.',
  'compare.dayLoading': 'Der Tag wird berechnet …',
  'compare.dayNone': 'Für diesen Tag sind noch keine Viertelstunden gespeichert.',
  'compare.noDistricts': 'Der Plan ändert zur gewählten Zeit keinen Stadtbezirk.',
  'compare.noPlaces': 'Keine Kita und keine Schule liegt im Wirkbereich des Plans.',
  'compare.empty': 'Erst Maßnahmen zeichnen oder einen Plan öffnen.',
  'compare.notNow': 'jetzt nicht beschattet',
  'compare.kita': 'Kita',
  'compare.school': 'Schule',
} as const;

const en: Record<keyof typeof de, string> = {
  'plans.title': 'Saved plans',
  'plans.name': 'Plan name',
  'plans.namePlaceholder': 'e.g. trees on Kortumstraße',
  'plans.save': 'Save',
  'plans.saving': 'Saving …',
  'plans.saved': 'Saved: “{name}”. The link in the address bar opens it.',
  'plans.loginToSave': 'Log in as a planner to save.',
  'plans.none': 'No saved plans yet.',
  'plans.open': 'Open',
  'plans.delete': 'Delete',
  'plans.by': '{author}, {when}',
  'plans.measures': '{n} measures',
  'plans.opened': 'Plan “{name}” by {author}',
  'plans.failed': 'Failed: {detail}',
  'compare.open': 'Compare with today',
  'compare.title': 'Plan against today',
  'compare.close': 'Close comparison',
  'compare.today': 'Today',
  'compare.plan': 'Plan',
  'compare.swipe': 'Split',
  'compare.swipeHint': 'Today on the left, with the plan on the right: drag the divider',
  'compare.heat': 'Heat',
  'compare.district': 'District',
  'compare.mean': 'Mean UTCI',
  'compare.max': 'Max UTCI',
  'compare.share32': 'Area ≥ 32 °C',
  'compare.placesTitle': 'Day-care centres and schools affected',
  'compare.place': 'Place',
  'compare.now': 'UTCI now',
  'compare.hours': 'Hours ≥ 32 °C that day',
  'compare.dayNote': 'Hours under strong heat stress (UTCI ≥ 32 °C) on {date}, {from}–{to}, from {n} stored quarter-hours, without and with the plan.',
  'compare.dayLoading': 'Computing the day …',
  'compare.dayNone': 'No quarter-hours stored for this day yet.',
  'compare.noDistricts': 'At the chosen time the plan changes no district.',
  'compare.noPlaces': 'No day-care centre or school lies where the plan acts.',
  'compare.empty': 'Draw measures or open a plan first.',
  'compare.notNow': 'not shaded now',
  'compare.kita': 'Day-care',
  'compare.school': 'School',
};

export type PlanStringKey = keyof typeof de;
export const PLAN_STRINGS: Record<Lang, Record<PlanStringKey, string>> = { de, en };

/** `t` for the saved plans' and the compare view's texts in the page's language; `{name}` placeholders filled from `vars`. */
export function usePlanT(): (key: PlanStringKey, vars?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  return (key, vars = {}) => PLAN_STRINGS[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}
