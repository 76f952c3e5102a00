/**
 * The city's street-tree planting and felling register (StadtBaumKonzept, StadtBochum/OpenData
 * data/ENVI/tree_register, CC0 1.0): one row per street with the number of trees, positions as
 * ETRS89/UTM 32N. The source's umlauts and ß are garbled, each replaced by a random letter or cut
 * off there ("Kortumstrale", "Straeenbsume", "Thtringische"); repaired here by pattern for the
 * street suffix and the recurring words, and by a list for names we could identify.
 */
import { utmToLonLat } from '../../common/utm';
import { parseDelimited } from './places';
import { roundPoint } from './geo-utils';

export interface PlantingProperties {
  id: string;
  kind: 'planting' | 'felling';
  street: string;
  /** what the trees stand by: "Straßenbäume", a school, a green space */
  site: string;
  district: string;
  count: number;
  species: string;
  reason: string;
  when: string;
}

/** Whole names and words we could identify (Bochum's street list, German tree names). */
const WORDS: Array<[RegExp, string]> = [
  [/\bBfckenberg\b/, 'Bückenberg'],
  [/\bBrlnsel/, 'Brünsel'],
  [/\bDfrdel/, 'Dördel'],
  [/\bGllcksbuger\b/, 'Glücksburger'],
  [/\bKanigsallee\b/, 'Königsallee'],
  [/\bKrlmmede\b/, 'Krümmede'],
  [/\bNfrenberg/, 'Nörenberg'],
  [/\bPmminger\b/, 'Ümminger'],
  [/\bVon-Kzckeritz/, 'Von-Köckeritz'],
  [/\bRuhrmuhle\b/, 'Ruhrmühle'],
  [/\bGlcckauf/, 'Glückauf'],
  [/\bGrhnanlage\b/, 'Grünanlage'],
  [/\bGrrnverbindung\b/, 'Grünverbindung'],
  [/\bSrdwest\b/, 'Südwest'],
  [/\bStldt\./, 'Städt.'],
  [/\bfrr\b/, 'für'],
  [/\bErich-Kastner\b/, 'Erich-Kästner'],
  [/\bMarkische\b/, 'Märkische'],
  [/\bTh[a-z]ringische\b/g, 'Thüringische'],
  [/\b[MOSn]pfel\b/g, 'Äpfel'],
  [/\bS[aei]ulen-/g, 'Säulen-'],
  [/\bSHulen-/g, 'Säulen-'],
  [/\bPflaumenbl[a-z]ttriger Wei\b/, 'Pflaumenblättriger Weißdorn'],
  [/\b(Amber|Laub|Tulpen|Walnuss)b[a-z]ume\b/g, '$1bäume'],
  [/\bBrume\b/, 'Bäume'],
  [/\bWinter-Lindeb\b/, 'Winter-Linde'],
  [/\bWalnu$/, 'Walnuss'],
  [/\bAbgaengig\b/, 'Abgängig'],
  [/\bBauma(L?nahme)?$/, 'Baumaßnahme'],
  [/\bBaumannahme\b/, 'Baumaßnahme'],
];

/** "Kortumstrale", "Bochumer Stra", "Moritz-Fiege-Stra e" → "…straße"; "Str." stays. */
function repairStreet(raw: string): string {
  return raw.replace(/(S|s)tra(?:[^\s.]e| e|e)?(?=$|\s\d)/, '$1traße');
}

export function repairText(raw: string): string {
  let s = raw.trim().replace(/\s+/g, ' ');
  for (const [re, to] of WORDS) s = s.replace(re, to);
  return s;
}

/** "Straeenbsume", "Stra-enbaum", "Stramenb" → Straßenbaum / Straßenbäume (by the count). */
function repairSite(raw: string, count: number): string {
  const s = raw.trim();
  if (/^Sta?r[a-z]?.{0,2}enb/i.test(s) || /^Starrenb/.test(s) || /^Staeenb/.test(s)) return count === 1 ? 'Straßenbaum' : 'Straßenbäume';
  return repairText(s);
}

const DISTRICTS: Record<string, string> = { Mitte: 'Mitte', Wattenscheid: 'Wattenscheid', Nord: 'Nord', Ost: 'Ost', Sued: 'Süd', 'Sued-West': 'Südwest', Suedwest: 'Südwest' };

/** UTM 32N northings and eastings around Bochum: two source rows repeat the easting as northing. */
const PLAUSIBLE = { e: [355_000, 395_000], n: [5_690_000, 5_720_000] } as const;

export interface ParsedPlantings {
  rows: Array<{ at: [number, number]; properties: PlantingProperties }>;
  /** rows left out, with the reason */
  skipped: Array<{ id: string; why: string }>;
}

export function parsePlantings(csv: string, districtOf: (at: [number, number]) => string): ParsedPlantings {
  const skipped: ParsedPlantings['skipped'] = [];
  const rows = parseDelimited(csv, ',').flatMap((r) => {
    const e = Number(r.Rechtswert);
    const n = Number(r.Hochwert);
    const count = Number(r.Anzahl);
    if (!(e >= PLAUSIBLE.e[0] && e <= PLAUSIBLE.e[1] && n >= PLAUSIBLE.n[0] && n <= PLAUSIBLE.n[1])) {
      skipped.push({ id: r.OBJECTID, why: `position ${r.Rechtswert} / ${r.Hochwert} is not in Bochum (UTM 32N)` });
      return [];
    }
    if (!Number.isInteger(count) || count < 1) {
      skipped.push({ id: r.OBJECTID, why: `tree count "${r.Anzahl}"` });
      return [];
    }
    const at = roundPoint([...utmToLonLat(e, n, 32)]) as [number, number];
    const district = DISTRICTS[r.Bezirk.trim()] ?? districtOf(at);
    return [
      {
        at,
        properties: {
          id: `planting-${r.OBJECTID}`,
          kind: r.Kategorie.trim() === 'Faellung' ? ('felling' as const) : ('planting' as const),
          street: repairText(repairStreet(r.Adresse.trim())),
          site: repairSite(r.Bezeichnun, count),
          district,
          count,
          species: repairText(r.Art).replace(/: /g, ', '),
          reason: repairText(r.Anlass),
          when: r.Zeitpunkt.trim().replace('20199', '2019'),
        },
      },
    ];
  });
  return { rows, skipped };
}
