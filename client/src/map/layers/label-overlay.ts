import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Map as MapLibre } from 'maplibre-gl';
import { LabelDeclutter } from './label-declutter.js';
import type { LabelPlacement, Point, Quad } from './label-placement.js';
import { rectQuad } from './label-placement.js';

/** deck.gl's font atlas measures glyphs at this size (LABEL_FONT.fontSettings) */
const MEASURE_PX = 48;

/** A text's advance at a font size of 1, summed glyph by glyph as deck.gl's font atlas lays it out; remembered per text (the placement measures every label with each build and camera move). */
function glyphMeasure(): (text: string, fontFamily: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  const glyphs = new Map<string, Map<string, number>>();
  const texts = new Map<string, Map<string, number>>();
  const glyph = (char: string, fontFamily: string, widths: Map<string, number>) => {
    let w = widths.get(char);
    if (w === undefined) {
      if (ctx) ctx.font = `normal ${MEASURE_PX}px ${fontFamily}`;
      w = (ctx?.measureText(char).width ?? MEASURE_PX * 0.6) / MEASURE_PX;
      widths.set(char, w);
    }
    return w;
  };
  return (text, fontFamily) => {
    let known = texts.get(fontFamily);
    if (!known) texts.set(fontFamily, (known = new Map()));
    let sum = known.get(text);
    if (sum !== undefined) return sum;
    let widths = glyphs.get(fontFamily);
    if (!widths) glyphs.set(fontFamily, (widths = new Map()));
    sum = 0;
    for (const char of Array.from(text)) sum += glyph(char, fontFamily, widths);
    // a city's labels are a few thousand texts at most; a bound keeps a long-running page's map small all the same
    if (known.size > 20_000) known.clear();
    known.set(text, sum);
    return sum;
  };
}

/**
 * Every label layer set on the overlay is placed with the others (label-declutter.ts), again whenever the
 * camera moves: a pan, a zoom or a demo flight changes which labels fit. Installed before the wall's
 * scaling (wall-map.ts), so that it places the labels at the sizes drawn. `changed` is told when the placement
 * handed deck.gl new layers between two of the map's own frames (deck's loop may be asleep).
 */
export function declutterOverlayLabels(overlay: MapboxOverlay, map: MapLibre, changed: () => void): void {
  const setProps = overlay.setProps.bind(overlay);
  const declutter = new LabelDeclutter();
  const measure = glyphMeasure();
  let layers: Layer[] | null = null;
  let drawn: Layer[] = [];
  // The map's size as last laid out: reading clientWidth with each layer build forced a layout of the page the
  // React commit of the same delta had just changed (the profile's largest self time in the placement).
  const container = map.getContainer();
  let size = { width: container.clientWidth, height: container.clientHeight };
  const resized = new ResizeObserver(() => (size = { width: container.clientWidth, height: container.clientHeight }));
  resized.observe(container);
  map.once('remove', () => resized.disconnect());
  const view = () => {
    const project = (lonLat: Point): Point => {
      const q = map.project(lonLat as [number, number]);
      return [q.x, q.y];
    };
    return { project, ...size, measure };
  };
  overlay.setProps = (props) => {
    if (!props.layers) return setProps(props);
    layers = (props.layers as Layer[]).flat().filter(Boolean) as Layer[];
    drawn = declutter.place(layers, view());
    setProps({ ...props, layers: drawn });
  };
  map.on('move', () => {
    if (!layers) return;
    const next = declutter.place(layers, view());
    if (next.length === drawn.length && next.every((l, i) => l === drawn[i])) return;
    drawn = next;
    setProps({ layers: drawn });
    changed();
  });
  exposeDrawnLabelBoxes(overlay);
}

type LiveTextLayer = Layer & {
  getBoundingRect: (d: unknown, info: unknown) => [number, number, number, number];
  state: { fontAtlasManager?: { props: { fontSize: number } } };
};

/**
 * For the browser test (tests/browser-labels.test.ts): the screen box of every label deck.gl draws, from deck's
 * own layout (its font atlas and its viewport), not from the placement's estimate; by layer id.
 */
function exposeDrawnLabelBoxes(overlay: MapboxOverlay): void {
  const deckOf = () => (overlay as unknown as { _deck?: { layerManager?: { getLayers: () => Layer[] } } })._deck;
  (window as unknown as { __stadtpulsLabelBoxes: () => Record<string, Quad[]> }).__stadtpulsLabelBoxes = () => {
    const out: Record<string, Quad[]> = {};
    for (const layer of deckOf()?.layerManager?.getLayers() ?? []) {
      const p = layer.props as unknown as Record<string, unknown> & { labelPlacement?: LabelPlacement<unknown> };
      if (!(layer instanceof TextLayer) || !p.labelPlacement || p.visible === false) continue;
      const live = layer as unknown as LiveTextLayer;
      const fontSize = live.state.fontAtlasManager?.props.fontSize;
      const viewport = layer.context.viewport;
      if (!fontSize || !viewport) continue;
      const data = p.data as unknown[];
      const read = <T,>(a: unknown, d: unknown, index: number): T => (typeof a === 'function' ? a(d, { index, data, target: [] }) : a) as T;
      out[layer.id] = data.flatMap((d, index) => {
        if (String(read(p.getText, d, index) ?? '').trim() === '') return [];
        const [x, y, w, h] = live.getBoundingRect(d, { index, data, target: [] });
        const k = (read<number>(p.getSize, d, index) * ((p.sizeScale as number) ?? 1)) / fontSize;
        const at = viewport.project(read<[number, number]>(p.getPosition, d, index)) as unknown as Point;
        // getBoundingRect is already aligned at the anchor
        return [rectQuad(at, [x * k, y * k, w * k, h * k], read<number>(p.getAngle, d, index) ?? 0, read<[number, number]>(p.getPixelOffset, d, index) ?? [0, 0])];
      });
    }
    return out;
  };
}
