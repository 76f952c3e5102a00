import { describe, expect, it } from 'vitest';
import { shortName, wrapWords } from './short-name.js';

describe('shortName', () => {
  it.each([
    ['Hattinger Straße stadteinwärts', 'Hattinger Str. → Innenstadt'],
    ['Castroper Straße stadtauswärts (Abschnitt 2)', 'Castroper Str. → Stadtrand (2)'],
    ['Alleestraße stadteinwärts', 'Alleestr. → Innenstadt'],
    ['A40 Richtung Dortmund (Abschnitt 3)', 'A40 → Dortmund (3)'],
    ['A448 Richtung Bochum-West (A40) (Abschnitt 1)', 'A448 → Bochum-West (A40) (1)'],
    ['Buscheyplatz', 'Buscheyplatz'],
    ['Straßenbahndepot Engelsburg', 'Straßenbahndepot Engelsburg'],
    ['Dr.-Ruer-Platz', 'Dr.-Ruer-Pl.'],
    ['Westpark', 'Westpark'],
  ])('%s → %s', (name, expected) => {
    expect(shortName(name)).toBe(expected);
  });
});

describe('wrapWords', () => {
  it.each([
    ['Hattinger Str. → Innenstadt', 16, ['Hattinger Str. →', 'Innenstadt']],
    ['Wattenscheid', 5, ['Wattenscheid']],
    ['A40 → Dortmund (3)', 40, ['A40 → Dortmund (3)']],
    ['', 10, []],
  ])('%j at %d characters', (text, max, lines) => {
    const out = wrapWords(text, max);
    expect(out).toEqual(lines);
    // no word is split: the words of the lines are the words of the text
    expect(out.join(' ').split(' ').filter(Boolean)).toEqual(text.split(' ').filter(Boolean));
  });
});
