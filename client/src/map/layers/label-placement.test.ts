import { describe, expect, it } from 'vitest';
import { grown, overlaps, placeLabels, textQuad, type Quad } from './label-placement.js';

const SCREEN = { width: 400, height: 300 };
/** an upright box from (x, y), w × h */
const box = (x: number, y: number, w: number, h: number): Quad => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

describe('textQuad', () => {
  it('aligns the text block at its anchor, then adds the pixel offset', () => {
    expect(textQuad({ at: [100, 50], width: 40, height: 10, angle: 0, offset: [12, 0], anchor: 'start', baseline: 'center' })).toEqual(box(112, 45, 40, 10));
    expect(textQuad({ at: [100, 50], width: 40, height: 10, angle: 0, offset: [-12, 0], anchor: 'end', baseline: 'center' })).toEqual(box(48, 45, 40, 10));
    expect(textQuad({ at: [100, 50], width: 40, height: 10, angle: 0, offset: [0, 0], anchor: 'middle', baseline: 'bottom' })).toEqual(box(80, 40, 40, 10));
  });

  it('turns a text counter-clockwise about its anchor (deck.gl getAngle, screen y down)', () => {
    const q = textQuad({ at: [0, 0], width: 40, height: 10, angle: 90, offset: [0, 0], anchor: 'start', baseline: 'top' });
    // the text's start at the anchor, its end 40 px up the screen
    expect(q[0][0]).toBeCloseTo(0);
    expect(q[0][1]).toBeCloseTo(0);
    expect(q[1][0]).toBeCloseTo(0);
    expect(q[1][1]).toBeCloseTo(-40);
  });
});

describe('overlaps', () => {
  it('tells overlapping boxes from ones that touch or lie apart', () => {
    expect(overlaps(box(0, 0, 10, 10), box(5, 5, 10, 10))).toBe(true);
    expect(overlaps(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(false);
    expect(overlaps(box(0, 0, 10, 10), box(30, 0, 10, 10))).toBe(false);
    // one inside the other
    expect(overlaps(box(0, 0, 100, 100), box(40, 40, 5, 5))).toBe(true);
  });

  it('tests rotated boxes by their sides, not by their bounding rectangles', () => {
    const diagonal = textQuad({ at: [0, 0], width: 100, height: 4, angle: 45, offset: [0, 0], anchor: 'start', baseline: 'center' });
    // inside the diagonal's bounding rectangle, but beside the text itself
    expect(overlaps(diagonal, box(50, -20, 10, 10))).toBe(false);
    expect(overlaps(diagonal, box(30, -40, 10, 10))).toBe(true);
  });

  it('grows a box by a margin on every side', () => {
    expect(grown(box(10, 10, 20, 10), 2)).toEqual(box(8, 8, 24, 14));
  });
});

describe('placeLabels', () => {
  it('draws the higher priority where two labels would overlap, though neither covers the other anchor', () => {
    // a car park's count right of its square and a charging count right of its diamond 30 px to its left:
    // the charging count runs into the car park's, whose box does not reach back to the diamond
    const carPark = { priority: 2, boxes: [box(212, 95, 40, 10)] };
    const charging = { priority: 1, boxes: [box(180, 95, 40, 10)] };
    expect(placeLabels([charging, carPark], SCREEN)).toEqual([-1, 0]);
  });

  it('moves a label to its next spot where the first is taken', () => {
    const carPark = { priority: 2, boxes: [box(212, 95, 40, 10), box(148, 95, 40, 10)] };
    const charging = { priority: 1, boxes: [box(210, 95, 30, 10), box(160, 95, 30, 10)] };
    expect(placeLabels([carPark, charging], SCREEN)).toEqual([0, 1]);
  });

  it('takes the first spot clear of symbols too where there is one, else the first clear of labels', () => {
    const diamond = box(150, 95, 12, 12);
    const count = { priority: 1, boxes: [box(140, 95, 30, 10), box(100, 95, 30, 10)] };
    expect(placeLabels([count], SCREEN, 0, [diamond])).toEqual([1]);
    // both spots over a symbol: the first, as without symbols
    expect(placeLabels([count], SCREEN, 0, [diamond, box(110, 95, 5, 5)])).toEqual([0]);
    // a label still wins over a symbol: the other label's spot is taken, not the symbol's
    const other = { priority: 2, boxes: [box(95, 90, 40, 20)] };
    expect(placeLabels([count, other], SCREEN, 0, [diamond])).toEqual([0, 0]);
  });

  it('keeps the order given among equals, and a gap of `margin` pixels between labels', () => {
    const a = { priority: 0, boxes: [box(0, 0, 10, 10)] };
    const b = { priority: 0, boxes: [box(12, 0, 10, 10)] };
    expect(placeLabels([a, b], SCREEN)).toEqual([0, 0]);
    expect(placeLabels([a, b], SCREEN, 4)).toEqual([0, -1]);
    expect(placeLabels([b, a], SCREEN, 4)).toEqual([0, -1]);
  });

  it('leaves out a label wholly off the screen, which then blocks no other', () => {
    const off = { priority: 9, boxes: [box(-50, 10, 40, 10)] };
    const on = { priority: 1, boxes: [box(-30, 10, 40, 10)] };
    expect(placeLabels([off, on], SCREEN)).toEqual([-1, 0]);
  });

  it('takes a spot wholly on the screen over one cut by its edge, even over a symbol; a label with no whole spot keeps its first', () => {
    // a station value above its dot at the map's top edge: its box reaches 6 px above the screen
    const atTop = { priority: 1, boxes: [box(100, -6, 30, 16), box(100, 30, 30, 16)] };
    expect(placeLabels([atTop], SCREEN)).toEqual([1]);
    expect(placeLabels([atTop], SCREEN, 0, [box(110, 35, 5, 5)])).toEqual([1]);
    const cutEither = { priority: 1, boxes: [box(-6, 10, 30, 16), box(-8, 40, 30, 16)] };
    expect(placeLabels([cutEither], SCREEN)).toEqual([0]);
    // wholly on the screen, the first spot clear of symbols still wins
    const inside = { priority: 1, boxes: [box(100, 40, 30, 16), box(100, 80, 30, 16)] };
    expect(placeLabels([inside], SCREEN, 0, [box(110, 45, 5, 5)])).toEqual([1]);
  });

  it('never leaves two drawn labels overlapping, over a crowded random field', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const candidates = Array.from({ length: 300 }, () => {
      const [x, y, w] = [rnd() * 400, rnd() * 300, 10 + rnd() * 60];
      return { priority: Math.floor(rnd() * 5), boxes: [box(x, y, w, 12), box(x - w - 20, y, w, 12)] };
    });
    const chosen = placeLabels(candidates, SCREEN, 2);
    const drawn = chosen.flatMap((s, i) => (s < 0 ? [] : [candidates[i].boxes[s]]));
    expect(drawn.length).toBeGreaterThan(20);
    for (let i = 0; i < drawn.length; i++) for (let j = i + 1; j < drawn.length; j++) expect(overlaps(drawn[i], drawn[j])).toBe(false);
  });
});

describe('placeLabels against the rule written plainly', () => {
  /** The rule as the doc comment states it, every box against every box (no grid, no shortcut for upright boxes). */
  function plain(candidates: ReadonlyArray<{ priority: number; boxes: readonly Quad[] }>, screen: typeof SCREEN, margin: number, obstacles: readonly Quad[]): number[] {
    const order = candidates.map((_, i) => i).sort((i, j) => candidates[j].priority - candidates[i].priority || i - j);
    const screenQuad = box(0, 0, screen.width, screen.height);
    const placed: Quad[] = [];
    const chosen = candidates.map(() => -1);
    for (const i of order) {
      const boxes = candidates[i].boxes.map((b) => grown(b, margin / 2));
      const free = boxes.map((b) => overlaps(b, screenQuad) && !placed.some((p) => overlaps(p, b)));
      const whole = boxes.map((b) => b.every(([x, y]) => x >= 0 && y >= 0 && x <= screen.width && y <= screen.height));
      const clear = boxes.map((b) => !obstacles.some((o) => overlaps(o, b)));
      const rules = [(s: number) => whole[s] && clear[s], (s: number) => whole[s], (s: number) => clear[s], () => true];
      const s = rules.map((ok) => free.findIndex((f, k) => f && ok(k))).find((k) => k >= 0) ?? -1;
      if (s < 0) continue;
      placed.push(boxes[s]);
      chosen[i] = s;
    }
    return chosen;
  }

  it('chooses the same spots for crowds of upright and turned labels, symbols and the screen edge', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 30; round++) {
      const candidates = Array.from({ length: 60 }, () => {
        const at: [number, number] = [rnd() * 440 - 20, rnd() * 340 - 20];
        const [width, height] = [10 + rnd() * 60, 8 + rnd() * 8];
        const angle = rnd() < 0.3 ? rnd() * 180 - 90 : 0;
        const spots = [
          { offset: [10, 0], anchor: 'start', baseline: 'center' },
          { offset: [-10, 0], anchor: 'end', baseline: 'center' },
          { offset: [0, -12], anchor: 'middle', baseline: 'bottom' },
        ] as const;
        return { priority: Math.floor(rnd() * 4), boxes: spots.map((s) => textQuad({ at, width, height, angle, offset: s.offset, anchor: s.anchor, baseline: s.baseline })) };
      });
      const obstacles = Array.from({ length: 25 }, () => box(rnd() * 400, rnd() * 300, 8, 8));
      const margin = round % 3 === 0 ? 0 : 4;
      const got = placeLabels(candidates, SCREEN, margin, obstacles);
      expect(got).toEqual(plain(candidates, SCREEN, margin, obstacles));
      // a crowd: some labels find no spot, some take a later one
      expect(got.some((s) => s < 0) && got.some((s) => s > 0)).toBe(true);
    }
  });
});
