/**
 * Label placement on the CPU, whole boxes against whole boxes. deck.gl 9's CollisionFilterExtension
 * only asks whether a label's anchor is covered by a label of higher priority, so two labels whose
 * anchors sat side by side (a car park's free spaces and a charging site's count in the centre) were
 * both drawn, one across the other, whatever the test size. Here every label's drawn box is tested
 * against the boxes already placed, in order of priority, at each of its spots in turn.
 */

/** Where a label may sit relative to its point: offset in pixels at scale 1 (+y down), and its alignment there. */
export interface LabelSpot {
  offset: readonly [number, number];
  anchor: 'start' | 'middle' | 'end';
  baseline: 'top' | 'center' | 'bottom';
}

/** How a text layer's labels take part in placement (the prop `labelPlacement` of the layer). */
export interface LabelPlacement<D> {
  /** higher wins a contested place; ties go to the layer first in the list, then the datum first in it */
  priority: number | ((d: D) => number);
  /** tried in order; a label none of whose spots is free is not drawn */
  spots: readonly LabelSpot[] | ((d: D) => readonly LabelSpot[]);
}

export type Point = readonly [number, number];
/** A label's box on screen: four corners in order (rotated text has a rotated box). */
export type Quad = readonly [Point, Point, Point, Point];

export interface TextBox {
  /** the anchor on screen, pixels */
  at: Point;
  /** the text block, pixels */
  width: number;
  height: number;
  /** degrees, counter-clockwise on screen (deck.gl's getAngle) */
  angle: number;
  /** pixels, not rotated (deck.gl's pixel offset) */
  offset: readonly [number, number];
  anchor: LabelSpot['anchor'];
  baseline: LabelSpot['baseline'];
}

const ANCHOR_X = { start: 0, middle: -0.5, end: -1 } as const;
const BASELINE_Y = { top: 0, center: -0.5, bottom: -1 } as const;

/** The screen box of a text block as deck.gl's TextLayer lays it out: aligned at its anchor, rotated about it, then offset. */
export function textQuad(b: TextBox): Quad {
  return rectQuad(b.at, [ANCHOR_X[b.anchor] * b.width, BASELINE_Y[b.baseline] * b.height, b.width, b.height], b.angle, b.offset);
}

/** A rectangle [x, y, width, height] relative to `at` (pixels, +y down), rotated about `at` by `angle` degrees counter-clockwise, then offset. */
export function rectQuad(at: Point, [x0, y0, w, h]: readonly [number, number, number, number], angle: number, offset: readonly [number, number]): Quad {
  const rad = (angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const corner = (x: number, y: number): Point => [at[0] + offset[0] + x * cos + y * sin, at[1] + offset[1] - x * sin + y * cos];
  return [corner(x0, y0), corner(x0 + w, y0), corner(x0 + w, y0 + h), corner(x0, y0 + h)];
}

/** The quad grown by `margin` pixels on every side (about its centre, along its own edges). */
export function grown(q: Quad, margin: number): Quad {
  if (margin === 0) return q;
  const cx = (q[0][0] + q[2][0]) / 2;
  const cy = (q[0][1] + q[2][1]) / 2;
  const unit = (a: Point, b: Point): Point => {
    const l = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    return [(b[0] - a[0]) / l, (b[1] - a[1]) / l];
  };
  const u = unit(q[0], q[1]);
  const v = unit(q[0], q[3]);
  const halfU = Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1]) / 2 + margin;
  const halfV = Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]) / 2 + margin;
  const at = (su: number, sv: number): Point => [cx + su * halfU * u[0] + sv * halfV * v[0], cy + su * halfU * u[1] + sv * halfV * v[1]];
  return [at(-1, -1), at(1, -1), at(1, 1), at(-1, 1)];
}

function apart(a: Quad, b: Quad, k: 0 | 1): boolean {
  const a0 = Math.min(a[0][k], a[1][k], a[2][k], a[3][k]);
  const a1 = Math.max(a[0][k], a[1][k], a[2][k], a[3][k]);
  const b0 = Math.min(b[0][k], b[1][k], b[2][k], b[3][k]);
  const b1 = Math.max(b[0][k], b[1][k], b[2][k], b[3][k]);
  return a1 <= b0 || b1 <= a0;
}

/** Whether the axis normal to edge `i` of `q` separates `a` and `b`. */
function separates(q: Quad, i: number, a: Quad, b: Quad): boolean {
  const ax = q[i + 1][1] - q[i][1];
  const ay = q[i][0] - q[i + 1][0];
  let a0 = Infinity;
  let a1 = -Infinity;
  let b0 = Infinity;
  let b1 = -Infinity;
  for (let k = 0; k < 4; k++) {
    const da = a[k][0] * ax + a[k][1] * ay;
    const db = b[k][0] * ax + b[k][1] * ay;
    if (da < a0) a0 = da;
    if (da > a1) a1 = da;
    if (db < b0) b0 = db;
    if (db > b1) b1 = db;
  }
  return a1 <= b0 || b1 <= a0;
}

/** Whether two boxes overlap (touching edges do not): separating axes of the two rectangles, after the screen's own two (most pairs lie apart on those). */
export function overlaps(a: Quad, b: Quad): boolean {
  if (apart(a, b, 0) || apart(a, b, 1)) return false;
  return !(separates(a, 0, a, b) || separates(a, 1, a, b) || separates(b, 0, a, b) || separates(b, 1, a, b));
}

/** A box with its extent on the screen's axes, worked out once: most boxes are tested against many, and the placement runs with every map build and camera move (issue 13). */
interface Filed {
  q: Quad;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** its edges run along the screen's axes: the extents decide an overlap alone */
  upright: boolean;
}

function filed(q: Quad): Filed {
  const [a, b, c, d] = q;
  return {
    q,
    x0: Math.min(a[0], b[0], c[0], d[0]),
    y0: Math.min(a[1], b[1], c[1], d[1]),
    x1: Math.max(a[0], b[0], c[0], d[0]),
    y1: Math.max(a[1], b[1], c[1], d[1]),
    upright: (a[1] === b[1] && b[0] === c[0]) || (a[0] === b[0] && b[1] === c[1]),
  };
}

/** overlaps() of two filed boxes, without the rotated axes when both are upright. */
function overlapsFiled(a: Filed, b: Filed): boolean {
  if (a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0) return false;
  return (a.upright && b.upright) || overlaps(a.q, b.q);
}

/** Whether a box lies wholly within the screen (a label partly beyond the map's edge is drawn cut off). */
function onScreen(f: Filed, screen: { width: number; height: number }): boolean {
  return f.x0 >= 0 && f.y0 >= 0 && f.x1 <= screen.width && f.y1 <= screen.height;
}

/** 4096 columns each side of the origin: far more than any screen, off-screen boxes included */
const cellKey = (x: number, y: number) => (x + 4096) * 16384 + (y + 4096);

/** Boxes filed by the screen cells they touch: a box is tested only against those near it (the map moves, placement runs per frame). */
class BoxGrid {
  private cells = new Map<number, Filed[]>();
  constructor(private readonly cell = 64) {}

  add(f: Filed): void {
    const c = this.cell;
    for (let x = Math.floor(f.x0 / c); x <= Math.floor(f.x1 / c); x++) {
      for (let y = Math.floor(f.y0 / c); y <= Math.floor(f.y1 / c); y++) {
        const k = cellKey(x, y);
        const list = this.cells.get(k);
        if (list) list.push(f);
        else this.cells.set(k, [f]);
      }
    }
  }

  hits(f: Filed): boolean {
    const c = this.cell;
    for (let x = Math.floor(f.x0 / c); x <= Math.floor(f.x1 / c); x++) {
      for (let y = Math.floor(f.y0 / c); y <= Math.floor(f.y1 / c); y++) {
        const list = this.cells.get(cellKey(x, y));
        if (list) for (let i = 0; i < list.length; i++) if (overlapsFiled(list[i], f)) return true;
      }
    }
    return false;
  }
}

export interface Candidate {
  priority: number;
  /** the label's box at each of its spots, in order of preference */
  boxes: readonly Quad[];
}

/**
 * Which spot each label takes (index into its boxes), or -1 where none is free: labels in order of
 * priority (ties keep their order), each at its first spot clear of every label placed before it and
 * within `screen` at least in part; among those, preferred in turn: wholly on the screen and clear of
 * `obstacles` (symbols), wholly on the screen, clear of symbols, any.
 * `margin` keeps that many pixels between two labels, half that between a label and a symbol.
 */
export function placeLabels(candidates: readonly Candidate[], screen: { width: number; height: number }, margin = 0, obstacles: readonly Quad[] = []): number[] {
  const order = candidates.map((_, i) => i).sort((i, j) => candidates[j].priority - candidates[i].priority || i - j);
  const screenBox = filed([
    [0, 0],
    [screen.width, 0],
    [screen.width, screen.height],
    [0, screen.height],
  ]);
  const placed = new BoxGrid();
  const symbols = new BoxGrid();
  for (const o of obstacles) symbols.add(filed(o));
  const chosen = new Array<number>(candidates.length).fill(-1);
  for (const i of order) {
    const boxes = candidates[i].boxes;
    // The first free spot of the best rank, in turn: wholly on the screen and clear of symbols (0), wholly on
    // the screen (1), clear of symbols (2), any (3). A label cut by the map's edge is worse than one over a
    // neighbour's symbol (read through its outline).
    let best = -1;
    let bestRank = 4;
    let bestBox: Filed | null = null;
    for (let s = 0; s < boxes.length && bestRank > 0; s++) {
      const box = filed(grown(boxes[s], margin / 2));
      if (!overlapsFiled(box, screenBox) || placed.hits(box)) continue;
      const whole = onScreen(box, screen);
      // the rank if clear of symbols, one worse if not: ask the symbols only when it could better the rank found
      const ifClear = whole ? 0 : 2;
      if (ifClear >= bestRank) continue;
      const rank = symbols.hits(box) ? ifClear + 1 : ifClear;
      if (rank < bestRank) {
        best = s;
        bestRank = rank;
        bestBox = box;
      }
    }
    if (best < 0 || !bestBox) continue;
    placed.add(bestBox);
    chosen[i] = best;
  }
  return chosen;
}
