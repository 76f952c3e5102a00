import { describe, expect, it } from 'vitest';
import { foldExpanded, foldStripped, rankMatches, scoreItem, type SearchItem, type SearchKind } from './search-match.js';

const item = (label: string, kind: SearchKind = 'traffic', also: string[] = []): SearchItem => ({
  key: `${kind}:${label}`,
  label,
  kind,
  also,
  lonLat: [7.2, 51.48],
  target: { type: 'sensor', id: label },
});

const ITEMS = [
  item('Hattinger Straße stadteinwärts (Abschnitt 1)', 'traffic', ['Süd']),
  item('Hattinger Straße stadtauswärts (Abschnitt 10)', 'traffic', ['Süd']),
  item('Hattinger Straße stadtauswärts (Abschnitt 2)', 'traffic', ['Süd']),
  item('Herner Straße stadteinwärts (Abschnitt 1)', 'traffic', ['Mitte']),
  item('Ümminger See', 'climate', ['Ost']),
  item('Ladestation Hauptbahnhof', 'charging', ['Mitte']),
  item('P6 Hauptbahnhof (Buddenbergplatz)', 'parking', ['Mitte']),
  item('Kita Hauptstraße', 'kita', ['Süd']),
  item('Städtische Kita Am Hang', 'kita', ['Nord']),
  item('Mitte', 'district'),
  item('Westpark', 'climate', ['Mitte']),
  item('Kita Westparkstraße', 'kita', ['Mitte']),
  item('Ladestation Westpark / Jahrhunderthalle', 'charging', ['Mitte']),
];
const labels = (query: string, limit?: number) => rankMatches(ITEMS, query, limit).map((i) => i.label);

describe('folding', () => {
  it.each([
    ['Hattinger Straße', 'hattinger strasse'],
    ['HATTINGER STRASSE', 'hattinger strasse'],
    ['Hattinger Str.', 'hattinger strasse'],
    ['Ümminger  See', 'uemminger see'],
    ['Böckenberg', 'boeckenberg'],
  ])('%s → %s', (text, folded) => {
    expect(foldExpanded(text)).toBe(folded);
  });

  it('strips umlauts for those who type them without dots', () => {
    expect(foldStripped('Ümminger See')).toBe('umminger see');
    expect(foldStripped('Straße')).toBe('strasse');
  });
});

describe('rankMatches', () => {
  it('finds "Hattinger Straße" from "Hattinger Strasse", in any case, sections in number order', () => {
    expect(labels('Hattinger Strasse')).toEqual([
      'Hattinger Straße stadtauswärts (Abschnitt 2)',
      'Hattinger Straße stadtauswärts (Abschnitt 10)',
      'Hattinger Straße stadteinwärts (Abschnitt 1)',
    ]);
    expect(labels('hattinger STRASSE')).toEqual(labels('Hattinger Strasse'));
    expect(labels('hattinger str.')).toEqual(labels('Hattinger Strasse'));
  });

  it('finds umlauts typed as two letters or without dots', () => {
    expect(labels('uemminger')).toEqual(['Ümminger See']);
    expect(labels('umminger')).toEqual(['Ümminger See']);
    expect(labels('ÜMMINGER')).toEqual(['Ümminger See']);
  });

  it('puts a name that starts with the query before one with a word that does, before one that merely contains it', () => {
    // "Westpark" equal; "Westparkstraße" inside "Kita Westparkstraße" starts a word; the charging site's word too
    expect(labels('westpark')).toEqual(['Westpark', 'Ladestation Westpark / Jahrhunderthalle', 'Kita Westparkstraße']);
    // both start a word with it (the car park before the charging site); the Kita's "Hauptstraße" does not match
    expect(labels('hauptbahnhof')).toEqual(['P6 Hauptbahnhof (Buddenbergplatz)', 'Ladestation Hauptbahnhof']);
    expect(labels('kita')).toEqual(['Kita Hauptstraße', 'Kita Westparkstraße', 'Städtische Kita Am Hang']);
    expect(labels('strasse')[0]).toBe('Hattinger Straße stadtauswärts (Abschnitt 2)');
    // inside a word only, all three alike: the measured objects first (station, charging site), then the Kita
    expect(labels('park')).toEqual(['Westpark', 'Ladestation Westpark / Jahrhunderthalle', 'Kita Westparkstraße']);
  });

  it('matches the district and other texts after the label, and every word of a query of several', () => {
    expect(labels('mitte')[0]).toBe('Mitte');
    expect(labels('mitte')).toContain('Herner Straße stadteinwärts (Abschnitt 1)');
    expect(labels('kita süd')).toEqual(['Kita Hauptstraße']);
    expect(labels('herner einwärts')).toEqual(['Herner Straße stadteinwärts (Abschnitt 1)']);
  });

  it('finds nothing for nothing, and at most the limit', () => {
    expect(labels('')).toEqual([]);
    expect(labels('   ')).toEqual([]);
    expect(labels('zzz')).toEqual([]);
    expect(labels('a', 3)).toHaveLength(3);
  });

  it('scores equal below prefix below word prefix below inside below other texts', () => {
    const q = 'see';
    expect(scoreItem(item('See'), q)).toBe(0);
    expect(scoreItem(item('Seestraße'), q)).toBe(1);
    expect(scoreItem(item('Ümminger See'), q)).toBe(2);
    expect(scoreItem(item('Kemnader Stausee'), q)).toBe(3);
    expect(scoreItem(item('Ruhr', 'climate', ['See']), q)).toBeGreaterThan(3);
    expect(scoreItem(item('Ruhr'), q)).toBeNull();
  });
});
