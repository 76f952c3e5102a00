/**
 * Finding a thing on the map by name: pure matching and ranking, so a typed "Hattinger Strasse" finds
 * "Hattinger Straße", "muelheim" or "mulheim" finds "Mülheim", and a name that starts with what was
 * typed comes before one that merely contains it.
 */

export type SearchKind = 'climate' | 'traffic' | 'parking' | 'charging' | 'tree' | 'kita' | 'school' | 'playground' | 'district';

export type SearchTarget = { type: 'sensor'; id: string } | { type: 'district'; id: string } | { type: 'place'; id: string };

export interface SearchItem {
  /** unique in the list */
  key: string;
  /** the name shown, in the page's language */
  label: string;
  kind: SearchKind;
  /** searched too, ranked after the label: district, street, the German name behind an English label */
  also: string[];
  lonLat: [number, number];
  target: SearchTarget;
}

/** Spellings that mean the same: ß as ss, umlauts as their two-letter forms, "Str." as "Straße". */
export function foldExpanded(text: string): string {
  return text
    .toLowerCase()
    .replace(/\bstr\./g, 'strasse')
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The same with umlauts stripped of their dots (ü as u), for those who type them that way. */
export function foldStripped(text: string): string {
  return foldExpanded(text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''));
}

/** Where a word starts: after a space, hyphen, slash, bracket or similar. */
function startsWord(text: string, at: number): boolean {
  return at === 0 || /[\s\-/(.,]/.test(text[at - 1]);
}

/** 0 equal, 1 prefix of the text, 2 prefix of a word in it, 3 anywhere inside, null no match. */
function matchRank(text: string, query: string): number | null {
  if (query === '') return null;
  if (text === query) return 0;
  if (text.startsWith(query)) return 1;
  let at = text.indexOf(query);
  if (at < 0) return null;
  let best = 3;
  while (at >= 0) {
    if (startsWord(text, at)) {
      best = 2;
      break;
    }
    at = text.indexOf(query, at + 1);
  }
  return best;
}

function bestRank(texts: string[], query: string): number | null {
  const ranks = texts.map((t) => matchRank(t, query)).filter((r): r is number => r !== null);
  return ranks.length === 0 ? null : Math.min(...ranks);
}

/**
 * The rank of one item for a query (lower is better), or null when it does not match. The whole query
 * against the label first (equal, prefix, word prefix, inside), then against the other texts; a query
 * of several words matches when every word is found somewhere, ranked after whole-query matches.
 */
export function scoreItem(item: SearchItem, query: string): number | null {
  const queries = [...new Set([foldExpanded(query), foldStripped(query)])].filter((q) => q !== '');
  if (queries.length === 0) return null;
  const label = [foldExpanded(item.label), foldStripped(item.label)];
  const also = item.also.flatMap((a) => [foldExpanded(a), foldStripped(a)]);
  let best: number | null = null;
  for (const q of queries) {
    const inLabel = bestRank(label, q);
    const inAlso = bestRank(also, q);
    const whole = inLabel ?? (inAlso === null ? null : 4 + inAlso / 10);
    if (whole !== null) best = best === null ? whole : Math.min(best, whole);
    const words = q.split(' ');
    if (words.length > 1) {
      const ranks = words.map((w) => bestRank(label, w) ?? (bestRank(also, w) === null ? null : 4));
      if (ranks.every((r) => r !== null)) {
        const multi = 5 + Math.max(...(ranks as number[])) / 10;
        best = best === null ? multi : Math.min(best, multi);
      }
    }
  }
  return best;
}

/** Among equal matches: the map's measured objects, then districts, then the places. */
const KIND_ORDER: Record<SearchKind, number> = { climate: 0, parking: 1, charging: 2, tree: 3, traffic: 4, district: 5, kita: 6, school: 7, playground: 8 };

const collator = new Intl.Collator('de', { numeric: true, sensitivity: 'base' });

/** The matching items, best first, at most `limit`. */
export function rankMatches(items: readonly SearchItem[], query: string, limit = 12): SearchItem[] {
  const scored: Array<{ item: SearchItem; score: number }> = [];
  for (const item of items) {
    const score = scoreItem(item, query);
    if (score !== null) scored.push({ item, score });
  }
  scored.sort((a, b) => a.score - b.score || KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] || collator.compare(a.item.label, b.item.label));
  return scored.slice(0, limit).map((s) => s.item);
}
