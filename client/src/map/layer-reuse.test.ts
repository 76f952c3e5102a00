import { describe, expect, it } from 'vitest';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { CollisionFilterExtension } from '@deck.gl/extensions';
import { LayerReuse, unchangedLayer } from './layer-reuse.js';

const data = [{ p: [7.2, 51.48] as [number, number], t: 'a' }];
type D = (typeof data)[number];
const dots = (o: Partial<ConstructorParameters<typeof ScatterplotLayer<D>>[0]> = {}) =>
  new ScatterplotLayer<D>({ id: 'dots', data, getPosition: (d) => d.p, getFillColor: () => [1, 2, 3], radiusUnits: 'pixels', updateTriggers: { getFillColor: [1, 'x'] }, ...o });

describe('unchangedLayer', () => {
  it.each([
    ['a new accessor function, the same triggers', dots({ getFillColor: () => [9, 9, 9] }), true],
    ['equal trigger arrays', dots({ updateTriggers: { getFillColor: [1, 'x'] } }), true],
    ['a trigger moved', dots({ updateTriggers: { getFillColor: [2, 'x'] } }), false],
    ['a trigger added', dots({ updateTriggers: { getFillColor: [1, 'x'], getRadius: 1 } }), false],
    ['new data', dots({ data: [...data] }), false],
    ['a plain prop', dots({ radiusUnits: 'meters' }), false],
    ['a prop added', dots({ opacity: 0.5 }), false],
    ['a constant colour for a function', dots({ getFillColor: [1, 2, 4] }), false],
    ['visibility', dots({ visible: false }), false],
  ])('%s: %s', (_, next, same) => {
    expect(unchangedLayer(next, dots())).toBe(same);
  });

  it('compares constants deeply', () => {
    expect(unchangedLayer(dots({ getFillColor: [1, 2, 3] }), dots({ getFillColor: [1, 2, 3] }))).toBe(true);
    expect(unchangedLayer(dots({ getFillColor: [1, 2, 4] }), dots({ getFillColor: [1, 2, 3] }))).toBe(false);
  });

  it('compares extensions by their own equality, and layer classes', () => {
    const text = (ext: CollisionFilterExtension[]) => new TextLayer<D>({ id: 't', data, getPosition: (d) => d.p, getText: (d) => d.t, extensions: ext });
    expect(unchangedLayer(text([new CollisionFilterExtension()]), text([new CollisionFilterExtension()]))).toBe(true);
    expect(unchangedLayer(text([]), text([new CollisionFilterExtension()]))).toBe(false);
    expect(unchangedLayer(text([]) as never, dots() as never)).toBe(false);
  });
});

describe('LayerReuse', () => {
  it('hands back the instance deck.gl has where nothing changed, by id, and forgets layers left out', () => {
    const reuse = new LayerReuse();
    const first = dots();
    const other = dots({ id: 'other' });
    expect(reuse.keep([first, null, other])).toEqual([first, null, other]);
    const [again, , moved] = reuse.keep([dots(), null, dots({ id: 'other', opacity: 0.3 })]);
    expect(again).toBe(first);
    expect(moved).not.toBe(other);
    reuse.keep([]);
    expect(reuse.keep([dots()])[0]).not.toBe(first);
  });
});
