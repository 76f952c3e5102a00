import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { FIRST_DATA_WAIT_MS, hiddenBeforeData, holdFirstLayers } from './first-layers.js';

describe('holdFirstLayers', () => {
  it.each([
    { built: false, hasData: false, waitedMs: 0, hold: true },
    { built: false, hasData: false, waitedMs: FIRST_DATA_WAIT_MS - 1, hold: true },
    // a server without data (a feed down) still gets its map drawn
    { built: false, hasData: false, waitedMs: FIRST_DATA_WAIT_MS, hold: false },
    { built: false, hasData: true, waitedMs: 10, hold: false },
    // once drawn, losing the data (a scenario switch) never hides the map again
    { built: true, hasData: false, waitedMs: 10, hold: false },
  ])('built $built, data $hasData, waited $waitedMs ms: hold $hold', ({ hold, ...o }) => {
    expect(holdFirstLayers(o)).toBe(hold);
  });
});

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
