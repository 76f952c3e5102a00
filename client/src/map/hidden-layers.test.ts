import { describe, expect, it } from 'vitest';
import { IconLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { HiddenLayers } from './hidden-layers.js';

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
