/**
 * Splits one CSV line into cells. Quote-aware (RFC 4180 `"a,b"` and `""`), because exporters
 * quote a cell as soon as it holds a comma; records never span lines in the exports we read,
 * so callers can keep reporting physical line numbers.
 */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c !== '"') cell += c;
      else if (line[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/** A line of nothing but whitespace and separators (spreadsheets write `,,,,` for an empty row). */
export function isBlankCsvLine(line: string): boolean {
  return /^[\s,]*$/.test(line);
}

/** Quotes a cell for a reason text, cut short so a garbage line cannot flood a report. */
export function quoteCell(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}
