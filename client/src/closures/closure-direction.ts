/**
 * The direction a closed link runs in, for the closures list: what its detector's name says after
 * the street ("stadteinwärts", "Richtung Dortmund"), or else what the link id ends in.
 */
export function closureDirection(street: string, detectorName: string | undefined, linkId: string): string {
  if (detectorName) {
    const rest = detectorName
      .replace(street, '')
      .replace(/\(Abschnitt \d+\)/, '')
      .trim();
    if (rest) return rest;
  }
  const suffix = /-(east|west|north|south|cw|ccw|in|out)$/.exec(linkId)?.[1];
  return suffix ? (DIRECTION_WORDS[suffix] ?? suffix) : '';
}

const DIRECTION_WORDS: Record<string, string> = {
  east: 'Richtung Osten',
  west: 'Richtung Westen',
  north: 'Richtung Norden',
  south: 'Richtung Süden',
  cw: 'im Uhrzeigersinn',
  ccw: 'gegen den Uhrzeigersinn',
  in: 'stadteinwärts',
  out: 'stadtauswärts',
};
