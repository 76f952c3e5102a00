import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import { placeLabels, textQuad, type Candidate, type LabelPlacement, type LabelSpot, type Point, type Quad } from './label-placement.js';

/** What placement needs of the screen: where a point is drawn, its size, and how wide a text is. */
export interface LabelView {
  project: (lonLat: Point) => Point;
  width: number;
  height: number;
  /** a text's advance in pixels at a font size of 1, in the layer's font (deck.gl lays out glyph by glyph) */
  measure: (text: string, fontFamily: string) => number;
}

/** Pixels kept clear between two labels: the glyphs' outline reaches a little past the text block. */
const LABEL_GAP = 4;

type AnyProps = Record<string, unknown> & { id: string; data?: unknown; visible?: boolean; labelPlacement?: LabelPlacement<unknown>; labelObstacle?: (d: unknown) => number };
type Accessor<T> = T | ((d: unknown, info: { index: number; data: unknown; target: unknown[] }) => T);

/** The accessors' second argument, one object written over per datum as deck.gl does (no object per label and accessor). */
const INFO: { index: number; data: unknown; target: unknown[] } = { index: 0, data: null, target: [] };

function read<T>(accessor: Accessor<T> | undefined, fallback: T, d: unknown, index: number, data: unknown): T {
  if (accessor === undefined) return fallback;
  if (typeof accessor !== 'function') return accessor;
  INFO.index = index;
  INFO.data = data;
  INFO.target.length = 0;
  return (accessor as (d: unknown, info: unknown) => T)(d, INFO);
}

/** Rows of a text as deck.gl wraps it at `maxWidth` (break-word: at spaces; a longer word keeps its own row). */
export function textRows(text: string, maxWidth: number, advance: (s: string) => number): string[] {
  const lines = text.split('\n');
  if (!(maxWidth > 0)) return lines;
  const rows: string[] = [];
  for (const line of lines) {
    let row = '';
    for (const word of line.split(/(?<= )/)) {
      if (row && advance(row + word.trimEnd()) > maxWidth) {
        rows.push(row);
        row = word;
      } else row += word;
    }
    rows.push(row);
  }
  return rows;
}

interface Placed {
  data: unknown[];
  spots: Map<unknown, LabelSpot>;
  key: string;
}

interface LayerLabels {
  layer: Layer;
  items: Array<{ d: unknown; spots: readonly LabelSpot[]; boxes: Quad[]; priority: number }>;
}

/** Each label of a placed text layer with its boxes at every spot, as drawn (size × sizeScale; offsets grow with sizeScale as the wall's symbols do). */
function labelsOf(layer: Layer, view: LabelView): LayerLabels {
  const p = layer.props as unknown as AnyProps & Record<string, Accessor<unknown>>;
  const placement = p.labelPlacement!;
  const data = (Array.isArray(p.data) ? p.data : []) as unknown[];
  const scale = (p.sizeScale as number | undefined) ?? 1;
  const fontFamily = String(p.fontFamily ?? 'sans-serif');
  const lineHeight = (p.lineHeight as number | undefined) ?? 1;
  const maxWidth = p.wordBreak === 'break-word' ? ((p.maxWidth as number | undefined) ?? -1) : -1;
  const items: LayerLabels['items'] = [];
  data.forEach((d, index) => {
    const text = String(read(p.getText as Accessor<string>, '', d, index, data) ?? '');
    if (text.trim() === '') return;
    const size = read(p.getSize as Accessor<number>, 32, d, index, data) * scale;
    const rows = textRows(text, maxWidth, (s) => view.measure(s, fontFamily));
    const width = Math.max(...rows.map((r) => view.measure(r, fontFamily))) * size;
    const height = rows.length * lineHeight * size;
    const at = view.project(read(p.getPosition as Accessor<Point>, [0, 0], d, index, data));
    const angle = read(p.getAngle as Accessor<number>, 0, d, index, data);
    const spots = typeof placement.spots === 'function' ? placement.spots(d) : placement.spots;
    const boxes = spots.map((s) => textQuad({ at, width, height, angle, offset: [s.offset[0] * scale, s.offset[1] * scale], anchor: s.anchor, baseline: s.baseline }));
    const priority = typeof placement.priority === 'function' ? placement.priority(d) : placement.priority;
    items.push({ d, spots, boxes, priority });
  });
  return { layer, items };
}

/** The squares of a shown symbol layer's symbols (labelObstacle: half a symbol's size at scale 1; the wall scales symbols by sizeScale or radiusScale). */
function symbolsOf(layer: Layer, view: LabelView): Quad[] {
  const p = layer.props as unknown as AnyProps & Record<string, Accessor<unknown>>;
  const data = (Array.isArray(p.data) ? p.data : []) as unknown[];
  const scale = ((p.sizeScale ?? p.radiusScale) as number | undefined) ?? 1;
  return data.map((d, index) => {
    const [x, y] = view.project(read(p.getPosition as Accessor<Point>, [0, 0], d, index, data));
    const h = p.labelObstacle!(d) * scale;
    return [
      [x - h, y - h],
      [x + h, y - h],
      [x + h, y + h],
      [x - h, y + h],
    ] as Quad;
  });
}

/**
 * Places the labels of every shown text layer with a `labelPlacement` together, whatever their layer:
 * each such layer comes back drawing only its placed labels, each at its chosen spot (clear of the symbols
 * of layers with a `labelObstacle` where it can be), and all of them above the other layers (drawnOnTop). Other layers are returned as they are. `last` keeps what each layer drew before: an unchanged placement keeps its data
 * array and its clone, so deck.gl recomputes nothing.
 */
export class LabelDeclutter {
  private last = new Map<string, { source: Layer; placed: Placed; clone: Layer }>();
  /** the boxes of the labels drawn by the last placement, by layer id */
  boxes = new Map<string, Quad[]>();

  place(layers: readonly Layer[], view: LabelView): Layer[] {
    const labelled = layers.filter((l): l is Layer => l instanceof TextLayer && !!(l.props as unknown as AnyProps).labelPlacement && l.props.visible !== false);
    const perLayer = labelled.map((l) => labelsOf(l, view));
    const candidates: Candidate[] = perLayer.flatMap((g) => g.items.map((it) => ({ priority: it.priority, boxes: it.boxes })));
    const symbols = layers.filter((l) => typeof (l.props as unknown as AnyProps).labelObstacle === 'function' && l.props.visible !== false).flatMap((l) => symbolsOf(l, view));
    const chosen = placeLabels(candidates, view, LABEL_GAP, symbols);
    const next = new Map<string, { source: Layer; placed: Placed; clone: Layer }>();
    this.boxes = new Map();
    let k = 0;
    for (const { layer, items } of perLayer) {
      const spots = new Map<unknown, LabelSpot>();
      const data: unknown[] = [];
      const keys: string[] = [];
      const boxes: Quad[] = [];
      for (const [i, it] of items.entries()) {
        const s = chosen[k++];
        if (s < 0) continue;
        data.push(it.d);
        spots.set(it.d, it.spots[s]);
        keys.push(`${i}:${s}`);
        boxes.push(it.boxes[s]);
      }
      this.boxes.set(layer.id, boxes);
      const key = keys.join(',');
      const before = this.last.get(layer.id);
      const sameSource = before?.placed.key === key && before.source.props.data === layer.props.data;
      if (sameSource && before.source === layer) {
        next.set(layer.id, before);
        continue;
      }
      const placed = sameSource ? before.placed : { data, spots, key };
      next.set(layer.id, { source: layer, placed, clone: placedClone(layer, placed) });
    }
    this.last = next;
    return drawnOnTop(layers, next);
  }
}

/**
 * The placed label layers drawn together where the last of them was: above the symbols, links and dots
 * of every kind (a station's value was drawn before the car parks' and charging sites' symbols, which
 * covered it), below what the map draws over everything (the highlight ring, the demo's rings).
 */
function drawnOnTop(layers: readonly Layer[], placed: Map<string, { clone: Layer }>): Layer[] {
  const last = layers.reduce((at, l, i) => (placed.has(l.id) ? i : at), -1);
  const labels = layers.filter((l) => placed.has(l.id)).map((l) => placed.get(l.id)!.clone);
  const rest = layers.filter((l) => !placed.has(l.id));
  const before = layers.slice(0, last + 1).filter((l) => !placed.has(l.id)).length;
  return [...rest.slice(0, before), ...labels, ...rest.slice(before)];
}

function placedClone(layer: Layer, placed: Placed): Layer {
  const p = layer.props as unknown as AnyProps & { sizeScale?: number; updateTriggers?: Record<string, unknown> };
  const scale = p.sizeScale ?? 1;
  const spot = (d: unknown) => placed.spots.get(d)!;
  return layer.clone({
    data: placed.data,
    getPixelOffset: (d: unknown) => [spot(d).offset[0] * scale, spot(d).offset[1] * scale],
    getTextAnchor: (d: unknown) => spot(d).anchor,
    getAlignmentBaseline: (d: unknown) => spot(d).baseline,
    updateTriggers: { ...p.updateTriggers, getPixelOffset: [placed.key, scale, p.updateTriggers?.getPixelOffset], getTextAnchor: placed.key, getAlignmentBaseline: placed.key },
  } as never);
}
