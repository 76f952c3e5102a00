import { describe, expect, it } from 'vitest';
import { BitmapLayer, IconLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { HiddenLayers, leaveOutEmpty } from './hidden-layers.js';

const data = [{ p: [7.2, 51.48] as [number, number] }];
const icons = (version: number) => [
  new IconLayer<(typeof data)[number]>({ id: 'sites', data, getPosition: (d) => d.p, getIcon: () => 'x', pickable: true, updateTriggers: { getColor: version } }),
];
const props = (l: Layer) => l.props as unknown as { visible: boolean; pickable: boolean; updateTriggers: { getColor?: number } };

describe('HiddenLayers', () => {
  it('builds nothing for a group never shown', () => {
    let built = 0;
    expect(new HiddenLayers().layers('parking', false, () => (built++, icons(1)))).toEqual([]);
    expect(built).toBe(0);
  });

  it('keeps a group switched off in the list: its last shown layers, not drawn, not picked, not rebuilt', () => {
    const h = new HiddenLayers();
    h.layers('parking', true, () => icons(1));
    const shown = h.layers('parking', true, () => icons(2));
    let built = 0;
    const hidden = h.layers('parking', false, () => (built++, icons(3)));
    expect(built).toBe(0);
    expect(hidden.map((l) => l.id)).toEqual(['sites']);
    expect(props(hidden[0])).toMatchObject({ visible: false, pickable: false, updateTriggers: { getColor: 2 } });
    expect(hidden[0].props.data).toBe(shown[0].props.data);
    // the same instances every frame while hidden: deck.gl has nothing to compare
    expect(h.layers('parking', false, () => icons(4))[0]).toBe(hidden[0]);
  });

  it('shows a group again with fresh layers, and hides those next time', () => {
    const h = new HiddenLayers();
    h.layers('charging', true, () => icons(1));
    h.layers('charging', false, () => icons(2));
    const again = h.layers('charging', true, () => icons(5));
    expect(props(again[0])).toMatchObject({ visible: true, pickable: true, updateTriggers: { getColor: 5 } });
    expect(props(h.layers('charging', false, () => icons(6))[0]).updateTriggers.getColor).toBe(5);
  });

  it('keeps groups apart', () => {
    const h = new HiddenLayers();
    h.layers('parking', true, () => icons(1));
    expect(h.layers('places', false, () => icons(1))).toEqual([]);
    expect(h.layers('parking', false, () => icons(1))).toHaveLength(1);
  });
});

describe('leaveOutEmpty', () => {
  const at = (d: { p: [number, number] }) => d.p;
  it('leaves layers of no rows out of the list, keeps icon and text layers in it hidden, and the rest as they are', () => {
    const empty = [] as typeof data;
    const dots = new ScatterplotLayer({ id: 'closures', data: empty, getPosition: at });
    const paths = new PathLayer({ id: 'water', data: { length: 0 }, getPath: () => [] });
    const icons = new IconLayer({ id: 'sites', data: empty, getPosition: at, getIcon: () => 'x' });
    const text = new TextLayer({ id: 'symbols', data: empty, getPosition: at });
    const full = new ScatterplotLayer({ id: 'stations', data, getPosition: at });
    const loading = new ScatterplotLayer({ id: 'from-url', data: 'https://example.org/x.json', getPosition: at });
    // no data given: deck's default is an empty list, but the image is drawn all the same
    const bitmap = new BitmapLayer({ id: 'surface', image: 'https://example.org/x.png', bounds: [7.1, 51.4, 7.3, 51.5] });
    const out = leaveOutEmpty([dots, paths, icons, null, text, full, loading, bitmap]);
    expect(out.map((l) => l && l.id)).toEqual(['sites', null, 'symbols', 'stations', 'from-url', 'surface']);
    expect((out.filter(Boolean) as Layer[]).map((l) => l.props.visible)).toEqual([false, false, true, true, true]);
    expect(out[3]).toBe(full);
    // an icon layer already hidden is handed on as it is (LayerReuse then keeps deck's instance)
    const hidden = out[0] as Layer;
    expect(leaveOutEmpty([hidden])[0]).toBe(hidden);
  });
});
