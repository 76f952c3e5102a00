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

function project(q: Quad, axis: Point): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of q) {
    const d = p[0] * axis[0] + p[1] * axis[1];
    lo = Math.min(lo, d);
    hi = Math.max(hi, d);
  }
  return [lo, hi];
}

function apart(a: Quad, b: Quad, k: 0 | 1): boolean {
  const [a0, a1] = [Math.min(a[0][k], a[1][k], a[2][k], a[3][k]), Math.max(a[0][k], a[1][k], a[2][k], a[3][k])];
  const [b0, b1] = [Math.min(b[0][k], b[1][k], b[2][k], b[3][k]), Math.max(b[0][k], b[1][k], b[2][k], b[3][k])];
  return a1 <= b0 || b1 <= a0;
}

/** Whether two boxes overlap (touching edges do not): separating axes of the two rectangles, after the screen's own two (most pairs lie apart on those). */
export function overlaps(a: Quad, b: Quad): boolean {
  if (apart(a, b, 0) || apart(a, b, 1)) return false;
  for (const q of [a, b]) {
    for (let i = 0; i < 2; i++) {
      const axis: Point = [q[i + 1][1] - q[i][1], q[i][0] - q[i + 1][0]];
      const [a0, a1] = project(a, axis);
      const [b0, b1] = project(b, axis);
      if (a1 <= b0 || b1 <= a0) return false;
    }
  }
  return true;
}

/** Whether a box lies wholly within the screen (a label partly beyond the map's edge is drawn cut off). */
function onScreen(q: Quad, screen: { width: number; height: number }): boolean {
  const [x0, y0, x1, y1] = bounds(q);
  return x0 >= 0 && y0 >= 0 && x1 <= screen.width && y1 <= screen.height;
}

function bounds(q: Quad): [number, number, number, number] {
  const xs = [q[0][0], q[1][0], q[2][0], q[3][0]];
  const ys = [q[0][1], q[1][1], q[2][1], q[3][1]];
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Boxes filed by the screen cells they touch: a box is tested only against those near it (the map moves, placement runs per frame). */
class BoxGrid {
  private cells = new Map<number, Quad[]>();
  constructor(private readonly cell = 64) {}

  private keys(q: Quad): number[] {
    const [x0, y0, x1, y1] = bounds(q).map((v) => Math.floor(v / this.cell));
    const keys: number[] = [];
    // 4096 columns each side of the origin: far more than any screen, off-screen boxes included
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push((x + 4096) * 16384 + (y + 4096));
    return keys;
  }

  add(q: Quad): void {
    for (const k of this.keys(q)) {
      const list = this.cells.get(k);
      if (list) list.push(q);
      else this.cells.set(k, [q]);
    }
  }

  hits(q: Quad): boolean {
    for (const k of this.keys(q)) for (const other of this.cells.get(k) ?? []) if (overlaps(other, q)) return true;
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
  const screenQuad: Quad = [
    [0, 0],
    [screen.width, 0],
    [screen.width, screen.height],
    [0, screen.height],
  ];
  const placed = new BoxGrid();
  const symbols = new BoxGrid();
  for (const o of obstacles) symbols.add(o);
  const chosen = candidates.map(() => -1);
  for (const i of order) {
    const boxes = candidates[i].boxes.map((b) => grown(b, margin / 2));
    const free = boxes.map((box) => overlaps(box, screenQuad) && !placed.hits(box));
    const whole = boxes.map((box) => onScreen(box, screen));
    const clear = (s: number) => !symbols.hits(boxes[s]);
    // a label cut by the map's edge is worse than one over a neighbour's symbol (read through its outline)
    const s = [(s: number) => whole[s] && clear(s), (s: number) => whole[s], clear, () => true].map((ok) => free.findIndex((f, k) => f && ok(k))).find((k) => k >= 0) ?? -1;
    if (s < 0) continue;
    placed.add(boxes[s]);
    chosen[i] = s;
  }
  return chosen;
}
