import { describe, expect, it } from 'vitest';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { LabelDeclutter, textRows, type LabelView } from './label-declutter.js';
import { besideSpots, placedLabel, type LayerContext, type PlacedLabelProps, type SymbolObstacleProps } from './layer-context.js';
import { unchangedLayer } from '../layer-reuse.js';
import { labelLayers } from './label-layers.js';
import { parkingLayers } from './parking-layers.js';
import { chargingLayers } from './charging-layers.js';

type D = { id: string; p: [number, number]; t: string };

/** lon/lat read as pixels; every glyph half its font size wide */
const VIEW: LabelView = { project: (p) => p, width: 800, height: 600, measure: (s) => Array.from(s).length * 0.5 };

const counts = (id: string, data: D[], priority: number, extra: Record<string, unknown> = {}) =>
  new TextLayer<D, PlacedLabelProps<D>>({ id, data, getPosition: (d) => d.p, getText: (d) => d.t, getSize: 12, ...placedLabel<D>({ priority, spots: besideSpots(10) }), ...extra });

const shown = (layer: unknown) => ((layer as TextLayer<D>).props.data as D[]).map((d) => d.id);
const offsetOf = (layer: unknown, d: D) => ((layer as TextLayer<D>).props.getPixelOffset as (d: D) => [number, number])(d);

describe('LabelDeclutter', () => {
  // a car park and a charging site 4 px apart: both counts to the right would overlap
  const carPark: D = { id: 'cp', p: [400, 300], t: 'P 593' };
  const charging: D = { id: 'ch', p: [396, 302], t: '3/4' };

  it('puts the lower-priority count on the other side of a shared spot, across layers', () => {
    const [parks, sites] = new LabelDeclutter().place([counts('parking-free', [carPark], 2), counts('charging-counts', [charging], 1)], VIEW);
    expect(shown(parks)).toEqual(['cp']);
    expect(shown(sites)).toEqual(['ch']);
    expect(offsetOf(parks, carPark)).toEqual([10, 0]);
    expect(offsetOf(sites, charging)).toEqual([-10, 0]);
    expect((sites as TextLayer<D>).props.getTextAnchor).toBeInstanceOf(Function);
  });

  it('keeps a count off a neighbouring symbol where its other side is clear', () => {
    const diamonds = new ScatterplotLayer<D, SymbolObstacleProps<D>>({ id: 'charging-sites', data: [{ id: 'x', p: [425, 300], t: '' }], getPosition: (d) => d.p, labelObstacle: () => 8 });
    const [, parks] = new LabelDeclutter().place([diamonds, counts('parking-free', [carPark], 2)], VIEW);
    expect(offsetOf(parks, carPark)).toEqual([-10, 0]);
    // the symbols' layer hidden: they are not in the way
    const [, right] = new LabelDeclutter().place([diamonds.clone({ visible: false }), counts('parking-free', [carPark], 2)], VIEW);
    expect(offsetOf(right, carPark)).toEqual([10, 0]);
  });

  it('leaves out a label with no free spot, and one with no text', () => {
    const crowd: D[] = [
      { id: 'a', p: [400, 300], t: 'P 100' },
      { id: 'b', p: [401, 300], t: 'P 101' },
      { id: 'c', p: [402, 300], t: 'P 102' },
      { id: 'empty', p: [100, 100], t: '' },
    ];
    const [layer] = new LabelDeclutter().place([counts('parking-free', crowd, 1)], VIEW);
    expect(shown(layer)).toEqual(['a', 'b']);
  });

  it('grows offsets with the layer scale (the wall), and places at the drawn size', () => {
    const near: D = { id: 'n', p: [460, 300], t: 'x' };
    // at scale 1 the count (30 px from 410) ends before the other's text at 470; at scale 3 it runs past it
    expect(shown(new LabelDeclutter().place([counts('a', [carPark], 2), counts('b', [near], 1)], VIEW)[1])).toEqual(['n']);
    const scaled = new LabelDeclutter().place([counts('a', [carPark], 2, { sizeScale: 3 }), counts('b', [near], 1, { sizeScale: 3 })], VIEW);
    expect(offsetOf(scaled[0], carPark)).toEqual([30, 0]);
    expect(shown(scaled[1])).toEqual([]);
  });

  it('passes other layers through, and hidden label layers without placing them', () => {
    const dots = new ScatterplotLayer<D>({ id: 'dots', data: [carPark], getPosition: (d) => d.p });
    const hidden = counts('hidden', [carPark], 9, { visible: false });
    const out = new LabelDeclutter().place([dots, hidden, counts('charging-counts', [charging], 1)], VIEW);
    expect(out[0]).toBe(dots);
    expect(out[1]).toBe(hidden);
    expect(offsetOf(out[2], charging)).toEqual([10, 0]);
  });

  it('draws the placed labels above the layers between them, below the layers after the last of them', () => {
    const dots = (id: string) => new ScatterplotLayer<D>({ id, data: [], getPosition: (d) => d.p });
    const out = new LabelDeclutter().place([dots('stations'), counts('station-values', [], 1), dots('car-parks'), counts('parking-free', [], 1), dots('ring')], VIEW);
    expect(out.map((l) => l.id)).toEqual(['stations', 'car-parks', 'station-values', 'parking-free', 'ring']);
  });

  it('hands back the same layer while neither the layer nor the placement changed, the same data while only the layer did', () => {
    const declutter = new LabelDeclutter();
    const layer = counts('parking-free', [carPark], 1);
    const first = declutter.place([layer], VIEW)[0];
    expect(declutter.place([layer], VIEW)[0]).toBe(first);
    const rebuilt = declutter.place([layer.clone({ getColor: [1, 2, 3] })], VIEW)[0];
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.props.data).toBe(first.props.data);
    // moved off the screen: placed again
    expect(shown(declutter.place([layer], { ...VIEW, project: () => [-500, -500] })[0])).toEqual([]);
  });
});

describe('textRows', () => {
  it('wraps at spaces as deck.gl does with break-word and a maximum width', () => {
    const advance = (s: string) => s.length;
    expect(textRows('Vonovia Ruhrstadion', 10, advance)).toEqual(['Vonovia ', 'Ruhrstadion']);
    expect(textRows('Ruhr Uni Bochum', 9, advance)).toEqual(['Ruhr Uni ', 'Bochum']);
    expect(textRows('Ruhr Uni Bochum', -1, advance)).toEqual(['Ruhr Uni Bochum']);
  });
});

describe('label and symbol layers built twice', () => {
  it('are the same layers to LayerReuse: their placement and obstacle props do not change from frame to frame', () => {
    const ctx = {
      city: { parking: [], charging: [], streetLabels: [], districtLabels: [], landmarks: [] },
      store: { entries: new Map() },
      versions: { parking: 1, charging: 1 },
      clock: 0,
      wall: false,
      cityNow: 0,
      freshnessKey: 0,
      zoom: 14,
    } as unknown as LayerContext;
    for (const build of [labelLayers, parkingLayers, chargingLayers]) {
      const [a, b] = [build(ctx), build(ctx)];
      a.forEach((layer, i) => expect(unchangedLayer(b[i] as never, layer as never), layer.id).toBe(true));
    }
  });
});
