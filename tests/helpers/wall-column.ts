import type { Page } from 'playwright-core';

/** One list panel of the wall's side column as drawn: rows in the DOM, rows in sight, and the number its "+ N" line says. */
export interface WallList {
  testId: string;
  total: number;
  shown: number;
  counted: number;
}

/**
 * The wall's side column as drawn: its list panels, and what is wrong with it, as sentences: a panel that reaches
 * out of the column, a row in sight that is cut, rows out of sight that the "+ N" line does not count.
 */
export async function wallColumn(page: Page): Promise<{ lists: WallList[]; problems: string[] }> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const column = document.querySelector<HTMLElement>('.side-panels')!;
    const col = column.getBoundingClientRect();
    const lists: WallList[] = [];
    for (const panel of column.children) {
      const box = panel.getBoundingClientRect();
      const name = panel.getAttribute('data-testid') ?? panel.className;
      if (box.top < col.top - 1 || box.bottom > col.bottom + 1) problems.push(`${name} reaches out of the column (${Math.round(box.top)}–${Math.round(box.bottom)} in ${Math.round(col.top)}–${Math.round(col.bottom)})`);
      const rows = panel.querySelector('.wall-rows');
      if (!rows) continue;
      const inSight = [...rows.children].filter((row) => row.getClientRects().length > 0);
      for (const row of inSight) {
        const r = row.getBoundingClientRect();
        if (r.top < box.top - 1 || r.bottom > box.bottom + 1) problems.push(`${name}: a row in sight is cut`);
      }
      const more = panel.querySelector('.wall-more')?.textContent ?? '';
      const counted = Number(/\+ (\d+)/.exec(more)?.[1] ?? 0);
      const total = rows.children.length;
      if (total - inSight.length > counted) problems.push(`${name}: ${total - inSight.length} rows out of sight, "${more}" counts ${counted}`);
      lists.push({ testId: name, total, shown: inSight.length, counted });
    }
    return { lists, problems };
  });
}
