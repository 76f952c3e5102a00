import { describe, expect, it } from 'vitest';
import { allotRows, type ListPanelSize } from './allot-rows.js';

const panel = (rows: number[], more = 20, overCap = 0): ListPanelSize => ({ rows, more, overCap });

describe('allotRows', () => {
  it.each<[string, number, number, ListPanelSize[], number[]]>([
    ['everything fits: every row, no more line', 500, 100, [panel([30, 30]), panel([40, 40, 40])], [2, 3]],
    ['exactly fits', 280, 100, [panel([30, 30]), panel([40, 40, 40])], [2, 3]],
    // 100 fixed + 2 more lines = 140; rows in turn: 30 (a), 40 (b), 30-20 (a's last), 40 (b) = 250; b's last would be 40-20 → 270
    ['one pixel short: the last row and its more line stay out', 279, 100, [panel([30, 30]), panel([40, 40, 40])], [2, 2]],
    ['turn by turn: each list its first row before any its second', 230, 100, [panel([30, 30, 30]), panel([40, 40, 40])], [1, 1]],
    ['alerts first when one row is all there is', 175, 100, [panel([30, 30]), panel([30, 30])], [1, 0]],
    ['no room: titles and counts only', 100, 100, [panel([30]), panel([40])], [0, 0]],
    ['a tall row does not block the panels after it', 220, 100, [panel([90, 30]), panel([30, 30, 30])], [0, 3]],
    ['over its cap the more line stays even with every row shown', 200, 100, [panel([30, 30], 20, 3)], [2]],
    ['over its cap and one row short', 179, 100, [panel([30, 30], 20, 3)], [1]],
    ['an empty panel takes nothing', 160, 100, [panel([]), panel([30, 30])], [0, 2]],
  ])('%s', (_name, room, fixed, panels, expected) => {
    expect(allotRows(room, fixed, panels)).toEqual(expected);
  });

  it('never shows more than the room holds', () => {
    const panels = [panel([34, 34, 34, 34, 34, 34, 34, 34], 24, 2), panel([48, 48, 48, 48, 48], 24), panel([60, 60, 60, 60], 24)];
    for (let room = 300; room <= 1200; room += 7) {
      const shown = allotRows(room, 300, panels);
      const used = 300 + panels.reduce((sum, p, i) => sum + p.rows.slice(0, shown[i]).reduce((a, b) => a + b, 0) + (shown[i] < p.rows.length || (p.overCap ?? 0) > 0 ? p.more : 0), 0);
      expect(used, `room ${room}`).toBeLessThanOrEqual(Math.max(room, 300 + 3 * 24));
    }
  });
});
