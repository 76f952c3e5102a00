import { describe, expect, it } from 'vitest';
import { localName } from './place-names.js';

describe('localName', () => {
  it.each([
    ['A40 Richtung Essen (Abschnitt 1)', 'A40 towards Essen (section 1)'],
    ['A448 Richtung Bochum-West (A40) (Abschnitt 2)', 'A448 towards Bochum-West (A40) (section 2)'],
    ['Herner Straße stadteinwärts (Abschnitt 3)', 'Herner Straße inbound (section 3)'],
    ['Universitätsstraße stadtauswärts', 'Universitätsstraße outbound'],
    ['Westring im Uhrzeigersinn', 'Westring clockwise'],
    ['Richtung Osten', 'eastbound'],
    ['Nordring gegen den Uhrzeigersinn', 'Nordring anticlockwise'],
    ['Ladestation P3 Rathaus', 'Charging site P3 Rathaus'],
    ['Klimapunkt Süd 1', 'Climate point Süd 1'],
    // proper names stay, even when they contain a translated word elsewhere
    ['P6 Hauptbahnhof (Buddenbergplatz)', 'P6 Hauptbahnhof (Buddenbergplatz)'],
    ['Ümminger See', 'Ümminger See'],
  ])('%s → %s', (de, en) => {
    expect(localName(de, 'en')).toBe(en);
    expect(localName(de, 'de')).toBe(de);
  });
});
