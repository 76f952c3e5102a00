import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { hiddenBeforeData, shownWithHiddenTwins } from './first-layers.js';

describe('hiddenBeforeData', () => {
  const shown = (): Array<Layer | null | false> => [
    new ScatterplotLayer({ id: 'heat-stations', data: [], pickable: true }),
    null,
    false,
    new TextLayer({ id: 'district-labels', data: [] }),
  ];

  it('hands deck.gl every layer by its own id, hidden and not pickable, leaving out the absent', () => {
    const layers = shown();
    const hidden = hiddenBeforeData(layers);
    expect(hidden.map((l) => [l.id, l.props.visible, l.props.pickable])).toEqual([
      ['heat-stations', false, false],
      ['district-labels', false, false],
    ]);
    // of the same classes, so deck.gl readies the programs the shown layers will use
    expect(hidden.map((l) => l.constructor)).toEqual([ScatterplotLayer, TextLayer]);
  });

  it('leaves the layers it was given as they were', () => {
    const layers = shown();
    hiddenBeforeData(layers);
    expect((layers[0] as ScatterplotLayer).props.visible).toBe(true);
    expect((layers[0] as ScatterplotLayer).props.pickable).toBe(true);
  });
});

describe('shownWithHiddenTwins', () => {
  const stations = new ScatterplotLayer({ id: 'heat-stations', data: [], pickable: true });
  const labels = new TextLayer({ id: 'district-labels', data: [] });

  it('draws what it can show as it is (leaving out the absent), then hidden twins of the layers only data brings', () => {
    const grid = new ScatterplotLayer({ id: 'generated-grid', data: [] });
    const layers = shownWithHiddenTwins([stations, null, labels, false], [stations.clone({}), null, grid, labels.clone({})]);
    expect(layers.map((l) => [l.id, l.props.visible])).toEqual([
      ['heat-stations', true],
      ['district-labels', true],
      ['generated-grid', false],
    ]);
    expect(layers[0]).toBe(stations);
  });

  it('adds nothing when every layer is already shown', () => {
    expect(shownWithHiddenTwins([stations], [stations.clone({})])).toEqual([stations]);
  });
});
