import { useI18n } from './i18n.js';
import type { Lang } from './strings.js';

/**
 * Texts of the planner's roadworks tool (traffic what-if), German first. Kept beside the main table
 * like the planner's; the English table must have exactly the German keys.
 */
const de = {
  'rw.title': 'Baustelle planen',
  'rw.intro': 'Eine Sperrung in einer Kopie des Verkehrsmodells durchspielen – das Live-Netz bleibt unverändert.',
  'rw.pick': 'Strecken auf der Karte wählen',
  'rw.picking': 'Auf eine Straße klicken, um sie zu wählen oder abzuwählen',
  'rw.done': 'Fertig',
  'rw.search': 'Strecke suchen',
  'rw.searchPlaceholder': 'z. B. A40, Castroper Straße',
  'rw.both': 'beide Richtungen',
  'rw.from': 'Beginn',
  'rw.until': 'Ende',
  'rw.day': 'Berechnen für',
  'rw.evaluate': 'Auswirkung berechnen',
  'rw.busy': 'Rechne …',
  'rw.needLogin': 'Berechnen dürfen angemeldete Planer:innen, Leitstelle und Admins.',
  'rw.noLinks': 'Noch keine Strecke gewählt.',
  'rw.badDates': 'Das Ende muss am oder nach dem Beginn liegen.',
  'rw.peak.morning': 'Morgenspitze 07:30',
  'rw.peak.evening': 'Abendspitze 17:00',
  'rw.notInForce': 'An diesem Tag ist die Baustelle nicht in Kraft: keine Änderung.',
  'rw.vehicleHours': 'Fahrzeugstunden im Netz',
  'rw.congested': 'Spur-km mit LOS E/F',
  'rw.unassigned': '{n} Fz/h finden keinen Weg (das Modellnetz hat dort keine Parallele)',
  'rw.live': '{n} bestehende Sperrung(en) in beiden Zuständen berücksichtigt',
  'rw.col.link': 'Strecke',
  'rw.col.los': 'LOS vorher → nachher',
  'rw.col.time': 'Reisezeit',
  'rw.col.volume': 'Fz/h',
  'rw.closed': 'gesperrt',
  'rw.more': 'alle {n} zeigen',
  'rw.less': 'weniger zeigen',
  'rw.legend': 'Reisezeit mit Baustelle gegenüber ohne',
  'rw.faster': 'schneller',
  'rw.slower': 'langsamer',
  'rw.plannedLegend': 'gesperrt (Baustelle)',
  'rw.affected': '{n} Strecken verändert',
  'rw.clear': 'Leeren',
  'rw.remove': 'Entfernen',
  'rw.model': 'Modell: Gleichgewichtsumlegung auf dem Hauptnetz (166 Richtungsabschnitte), Nachfrage der Stunde, ohne Veranstaltungen.',
  'rw.compareTitle': 'Verkehr',
  'rw.compareEmpty': 'Keine Baustelle berechnet: im Werkzeug „Baustelle planen“ Strecken wählen und berechnen.',
  'rw.col.peak': 'Zeitpunkt',
  'rw.strongest': 'Stärkste Änderungen ({peak})',
};

const en: Record<keyof typeof de, string> = {
  'rw.title': 'Plan roadworks',
  'rw.intro': 'Try a closure in a copy of the traffic model – the live network stays as it is.',
  'rw.pick': 'Pick links on the map',
  'rw.picking': 'Click a road to pick it or to drop it',
  'rw.done': 'Done',
  'rw.search': 'Find a link',
  'rw.searchPlaceholder': 'e.g. A40, Castroper Straße',
  'rw.both': 'both directions',
  'rw.from': 'Start',
  'rw.until': 'End',
  'rw.day': 'Evaluate on',
  'rw.evaluate': 'Evaluate the impact',
  'rw.busy': 'Computing …',
  'rw.needLogin': 'Planners, operators and admins may evaluate: log in.',
  'rw.noLinks': 'No link picked yet.',
  'rw.badDates': 'The end must be on or after the start.',
  'rw.peak.morning': 'Morning peak 07:30',
  'rw.peak.evening': 'Evening peak 17:00',
  'rw.notInForce': 'The roadworks are not in force on that day: no change.',
  'rw.vehicleHours': 'Vehicle-hours on the network',
  'rw.congested': 'Lane-km at LOS E/F',
  'rw.unassigned': '{n} veh/h find no route (the model network has no parallel road there)',
  'rw.live': '{n} existing closure(s) counted in both states',
  'rw.col.link': 'Link',
  'rw.col.los': 'LOS before → after',
  'rw.col.time': 'Travel time',
  'rw.col.volume': 'veh/h',
  'rw.closed': 'closed',
  'rw.more': 'show all {n}',
  'rw.less': 'show fewer',
  'rw.legend': 'Travel time with the roadworks against without',
  'rw.faster': 'faster',
  'rw.slower': 'slower',
  'rw.plannedLegend': 'closed (roadworks)',
  'rw.affected': '{n} links changed',
  'rw.clear': 'Clear',
  'rw.remove': 'Remove',
  'rw.model': 'Model: equilibrium assignment on the main network (166 directed links), demand of the hour, without events.',
  'rw.compareTitle': 'Traffic',
  'rw.compareEmpty': 'No roadworks evaluated: pick links in the “Plan roadworks” tool and evaluate.',
  'rw.col.peak': 'Instant',
  'rw.strongest': 'Largest changes ({peak})',
};

export type RoadworksStringKey = keyof typeof de;
export const ROADWORKS_STRINGS: Record<Lang, Record<RoadworksStringKey, string>> = { de, en };

/** `t` for the roadworks tool's texts in the page's language. */
export function useRoadworksT(): (key: RoadworksStringKey) => string {
  const { lang } = useI18n();
  return (key) => ROADWORKS_STRINGS[lang][key];
}
