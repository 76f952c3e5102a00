import { describe, expect, it } from 'vitest';
import { besideSpots, labelPriority, placedLabel } from './layer-context.js';

describe('label priorities', () => {
  it('puts every live value over every name, whatever the rank within a tier', () => {
    const names = [labelPriority('district', 9_999), labelPriority('landmark', 9_999), labelPriority('street', 9_999)];
    const values = [labelPriority('carPark', 0), labelPriority('station'), labelPriority('charging', 0)];
    expect(Math.min(...values)).toBeGreaterThan(Math.max(...names));
    // a car park's capacity orders car parks, and stays within its tier
    expect(labelPriority('carPark', 2000)).toBeGreaterThan(labelPriority('carPark', 240));
    expect(labelPriority('charging', 1e6)).toBeLessThan(labelPriority('station'));
  });
});

describe('placedLabel', () => {
  it('draws a label at its first spot when the layer is drawn without placement', () => {
    const props = placedLabel<{ r: number }>({ priority: 1, spots: (d) => besideSpots(d.r) });
    expect(props.getPixelOffset({ r: 9 })).toEqual([9, 0]);
    expect(props.getTextAnchor({ r: 9 })).toBe('start');
    expect(besideSpots(9)[1]).toEqual({ offset: [-9, 0], anchor: 'end', baseline: 'center' });
  });
});
