import { describe, expect, it } from 'vitest';
import { loadSensorIndex, withGeneratedSensors } from '../server/registry.js';
import { generateScaleCity, loadScaleGeometry } from '../server/simulator/scale-city.js';
import { drawnAt, registryColumnsOf, registryColumnsSchema, registryOrderOf } from './registry-columns.js';

const own = loadSensorIndex().registry.features;
const scaled = withGeneratedSensors(loadSensorIndex(), generateScaleCity(3_000, 7, loadScaleGeometry())).registry.features;

describe('the registry with generated sensors in columns', () => {
  it('keeps the registry order, kinds and drawn positions of a SCALE city, and survives JSON', () => {
    const columns = registryColumnsSchema.parse(JSON.parse(JSON.stringify(registryColumnsOf(scaled))));
    expect(columns.features).toHaveLength(own.length);
    const order = registryOrderOf(columns);
    expect(order.ids).toEqual(scaled.map((f) => f.id));
    expect(order.kinds).toEqual(scaled.map((f) => f.properties.kind));
    expect(order.generatedFrom).toBe(own.length);
    expect(columns.generated!.lonLat).toEqual(scaled.slice(own.length).flatMap(drawnAt));
    // one run per generated kind: bays, nodes, counters
    expect(columns.generated!.kindRuns.map(([k]) => k)).toEqual(['parking', 'climate', 'traffic']);
  });

  it('is the registry itself without generated sensors', () => {
    const columns = registryColumnsOf(own);
    expect(columns).toEqual({ type: 'FeatureCollection', features: own });
    expect(registryOrderOf(columns)).toEqual({ ids: own.map((f) => f.id), kinds: own.map((f) => f.properties.kind), generatedFrom: own.length });
  });

  it('refuses a registry whose own sensor follows a generated one, and columns of unequal lengths', () => {
    expect(() => registryColumnsOf([scaled[own.length], ...own])).toThrow(/after a generated one/);
    const columns = registryColumnsOf(scaled);
    const short = { ...columns, generated: { ...columns.generated!, lonLat: columns.generated!.lonLat.slice(2) } };
    expect(registryColumnsSchema.safeParse(short).success).toBe(false);
    const miscounted = { ...columns, generated: { ...columns.generated!, kindRuns: [['parking', 1]] } };
    expect(registryColumnsSchema.safeParse(miscounted).success).toBe(false);
  });
});
