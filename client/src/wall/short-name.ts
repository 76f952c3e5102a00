/**
 * Street and detector names for the wall, where long names must neither be cut mid-word nor run
 * out of their panel: abbreviated by fixed rules (the ones a German traffic sign or radio report
 * uses), then wrapped at word boundaries.
 */

/** Applied in order; each is whole-word so "Straßenbahn" or "Auswärtsspiel" stay as they are. */
const RULES: ReadonlyArray<[RegExp, string]> = [
  [/\s*\(Abschnitt (\d+)\)/g, ' ($1)'],
  [/\bstadteinwärts\b/g, '→ Innenstadt'],
  [/\bstadtauswärts\b/g, '→ Stadtrand'],
  [/\bRichtung\s+/g, '→ '],
  [/\bStraße\b/g, 'Str.'],
  [/(\p{L})straße\b/gu, '$1str.'],
  [/\bPlatz\b/g, 'Pl.'],
  [/\bAnschlussstelle\b/g, 'AS'],
  [/\bAutobahnkreuz\b/g, 'AK'],
];

export function shortName(name: string): string {
  let out = name;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * Breaks text into lines of at most `maxChars` at spaces. A single word longer than a line gets a
 * line of its own, whole: a word is never split.
 */
export function wrapWords(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
