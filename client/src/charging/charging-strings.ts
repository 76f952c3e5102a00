import { useI18n } from '../i18n/i18n.js';
import type { Lang } from '../i18n/strings.js';

/**
 * Texts of the e-mobility panel (issue 11), German first. Kept beside the main table like the planner's
 * texts (planner-strings.ts); the English table must have exactly the German keys.
 */
const de = {
  'emob.open': 'E-Mobilität',
  'emob.openHint': 'Ladepunkte im Tagesverlauf, Auslastung je Standort, E-Fahrzeuge in Bochum',
  'emob.title': 'E-Mobilität',
  'emob.close': 'Schließen',
  'emob.day': 'Tag',
  'emob.free': 'frei',
  'emob.occupied': 'belegt',
  'emob.outOfOrder': 'außer Betrieb',
  'emob.points': 'Ladepunkte',
  'emob.cityChart': 'Ladepunkte der Stadt im Tagesverlauf',
  'emob.siteChart': 'Ladepunkte am Standort',
  'emob.site': 'Standort',
  'emob.ranking': 'Auslastung je Standort',
  'emob.rankingHint': 'Anteil der Ladepunkt-Stunden mit Fahrzeug (lädt, blockiert, reserviert) an allen Stunden mit bekanntem Status',
  'emob.utilisationCity': 'Auslastung Stadt',
  'emob.outOfOrderHours': 'Ladepunkt-Stunden außer Betrieb',
  'emob.noData': 'keine Daten',
  'emob.noDay': 'Für diesen Tag liegen noch keine Ladedaten vor.',
  'emob.loading': 'wird geladen …',
  'emob.csv': 'CSV',
  'emob.csvHint': 'Tagesverlauf je Standort als CSV herunterladen',
  'emob.evChart': 'Zugelassene E-Fahrzeuge und öffentliche Ladepunkte',
  'emob.evs': 'E-Fahrzeuge (zugelassen)',
  'emob.chargePointsToday': 'Ladepunkte heute',
  'emob.perPoint': '{ev} E-Fahrzeuge ({month}) je {points} Ladepunkte: {ratio} je Ladepunkt',
  'emob.evSource': 'E-Fahrzeuge: Stadt Bochum, Fahrzeugbestand je Monat (CC0).',
  'emob.pointsSynthetic': 'Ladepunkte: Zählung des Stadtpuls-Registers heute, synthetische Standorte; einen Verlauf gibt es nicht, weil kein offenes Ladesäulenregister für Bochum vorliegt.',
  'emob.pointsRegistry': 'Ladepunkte: Zählung des Stadtpuls-Registers heute; einen Verlauf enthalten die Daten nicht.',
  'emob.synthetic': 'synthetisch',
};

const en: Record<keyof typeof de, string> = {
  'emob.open': 'E-mobility',
  'emob.openHint': 'Charge points over the day, utilisation per site, electric vehicles in Bochum',
  'emob.title': 'E-mobility',
  'emob.close': 'Close',
  'emob.day': 'Day',
  'emob.free': 'free',
  'emob.occupied': 'occupied',
  'emob.outOfOrder': 'out of order',
  'emob.points': 'charge points',
  'emob.cityChart': "The city's charge points over the day",
  'emob.siteChart': 'Charge points at the site',
  'emob.site': 'Site',
  'emob.ranking': 'Utilisation per site',
  'emob.rankingHint': 'Share of point-hours with a vehicle (charging, blocked, reserved) among all hours with a known status',
  'emob.utilisationCity': 'City utilisation',
  'emob.outOfOrderHours': 'point-hours out of order',
  'emob.noData': 'no data',
  'emob.noDay': 'No charging data for this day yet.',
  'emob.loading': 'loading …',
  'emob.csv': 'CSV',
  'emob.csvHint': 'Download the day per site as CSV',
  'emob.evChart': 'Registered electric vehicles and public charge points',
  'emob.evs': 'Electric vehicles (registered)',
  'emob.chargePointsToday': 'Charge points today',
  'emob.perPoint': '{ev} electric vehicles ({month}) per {points} charge points: {ratio} per charge point',
  'emob.evSource': 'Electric vehicles: City of Bochum, vehicle inventory per month (CC0).',
  'emob.pointsSynthetic': "Charge points: today's count in the Stadtpuls registry, synthetic sites; there is no history, as no open charging register for Bochum is available.",
  'emob.pointsRegistry': "Charge points: today's count in the Stadtpuls registry; the data hold no history.",
  'emob.synthetic': 'synthetic',
};

export type ChargingStringKey = keyof typeof de;
export const CHARGING_STRINGS: Record<Lang, Record<ChargingStringKey, string>> = { de, en };

/** `t` for the e-mobility panel's texts in the page's language. */
export function useChargingT(): (key: ChargingStringKey) => string {
  const { lang } = useI18n();
  return (key) => CHARGING_STRINGS[lang][key];
}
