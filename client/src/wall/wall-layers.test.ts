import { describe, expect, it } from 'vitest';
import { IconLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { scaleLayersForWall } from './wall-layers.js';

type D = { p: [number, number]; name: string };
const data: D[] = [{ p: [7.2, 51.48], name: 'Vonovia Ruhrstadion' }];
const label = () => new TextLayer<D>({ id: 'landmark-labels', data, getPosition: (d) => d.p, getText: (d) => d.name, getSize: 12 });
const icons = (sizeUnits: 'pixels' | 'meters') => new IconLayer<D>({ id: 'sites', data, getPosition: (d) => d.p, getIcon: () => 'x', sizeUnits, sizeScale: 0.5 });
const props = (l: Layer) => l.props as unknown as { sizeScale: number; getText?: (d: D, info: unknown) => string; maxWidth?: number };

describe('scaleLayersForWall', () => {
  it('scales text and symbols drawn in pixels, not symbols drawn in metres', () => {
    const [text, px, m] = scaleLayersForWall([label(), icons('pixels'), icons('meters')], 2);
    expect(props(text).sizeScale).toBe(2);
    expect(props(px).sizeScale).toBe(1);
    expect(props(m).sizeScale).toBe(0.5);
  });

  it('shortens and wraps names on the wall, keeps them whole without shortNames (the demo)', () => {
    const [wall] = scaleLayersForWall([label()], 2);
    const [demo] = scaleLayersForWall([label()], 2, { shortNames: false });
    expect(props(wall).maxWidth).toBeGreaterThan(0);
    expect(props(demo).getText!(data[0], {})).toBe('Vonovia Ruhrstadion');
    expect(props(demo).maxWidth).toBe(label().props.maxWidth);
  });
});
