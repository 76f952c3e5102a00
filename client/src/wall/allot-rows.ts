/** A list panel in the wall's side column (alerts, delays, closures), as measured with every row shown. */
export interface ListPanelSize {
  /** each row's height in order, its margin included */
  rows: readonly number[];
  /** the "+ N more" line's height: it takes room only while a row is left out */
  more: number;
  /** rows the panel left out itself (over its cap): its more line stays */
  overCap?: number;
}

/**
 * How many rows of each list panel the wall's side column shows. `room` is the column's height, `fixed` what the
 * rest takes (the panels' titles and paddings, the other panels, the gaps). The wall cannot scroll, so a row that
 * does not fit is left out whole and counted, never cut. Rows go one at a time to each panel in turn, in column
 * order (alerts first), so every list shows its most urgent rows before any shows its fifth; a panel whose next row
 * does not fit leaves the room to the panels after it.
 */
export function allotRows(room: number, fixed: number, panels: readonly ListPanelSize[]): number[] {
  const shown = panels.map(() => 0);
  const moreShown = (p: ListPanelSize, n: number) => n < p.rows.length || (p.overCap ?? 0) > 0;
  let used = fixed + panels.reduce((sum, p) => sum + (moreShown(p, 0) ? p.more : 0), 0);
  for (let progress = true; progress; ) {
    progress = false;
    panels.forEach((p, i) => {
      const n = shown[i];
      if (n >= p.rows.length) return;
      // the last row also takes the more line away
      const cost = p.rows[n] - (moreShown(p, n) && !moreShown(p, n + 1) ? p.more : 0);
      if (used + cost > room) return;
      shown[i] = n + 1;
      used += cost;
      progress = true;
    });
  }
  return shown;
}
