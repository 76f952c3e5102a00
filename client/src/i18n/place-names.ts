import type { Lang } from './strings.js';

/**
 * Sensor and link names come from the registry in German ("A40 Richtung Essen (Abschnitt 1)",
 * "Herner Straße stadteinwärts", "Ladestation Hamme"). Street and place names are proper names and
 * stay; the words around them (direction, section, what the thing is) are translated whole-word.
 */
const TO_ENGLISH: ReadonlyArray<[RegExp, string]> = [
  [/\(Abschnitt (\d+)\)/g, '(section $1)'],
  [/\bgegen den Uhrzeigersinn\b/g, 'anticlockwise'],
  [/\bim Uhrzeigersinn\b/g, 'clockwise'],
  [/\bstadteinwärts\b/g, 'inbound'],
  [/\bstadtauswärts\b/g, 'outbound'],
  [/\bRichtung Osten\b/g, 'eastbound'],
  [/\bRichtung Westen\b/g, 'westbound'],
  [/\bRichtung Norden\b/g, 'northbound'],
  [/\bRichtung Süden\b/g, 'southbound'],
  [/\bRichtung\s+/g, 'towards '],
  [/^Ladestation\s+/g, 'Charging site '],
  [/^Klimapunkt\s+/g, 'Climate point '],
];

export function localName(name: string, lang: Lang): string {
  if (lang === 'de') return name;
  let out = name;
  for (const [pattern, replacement] of TO_ENGLISH) out = out.replace(pattern, replacement);
  return out;
}
