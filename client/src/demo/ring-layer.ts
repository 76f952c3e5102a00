import { ScatterplotLayer } from '@deck.gl/layers';

/** Pulsing rings around what a demo caption speaks of: large enough to find from 5 m away. */
export function demoRingLayers(places: ReadonlyArray<[number, number]>, clockS: number) {
  if (places.length === 0) return [];
  const pulse = 0.5 + 0.5 * Math.sin(clockS * 3);
  return [
    new ScatterplotLayer<[number, number]>({
      id: 'demo-rings',
      data: places,
      getPosition: (p) => p,
      getRadius: 34 + 18 * pulse,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [255, 214, 0, Math.round(120 + 135 * (1 - pulse))],
      lineWidthUnits: 'pixels',
      getLineWidth: 7,
      pickable: false,
      updateTriggers: { getRadius: pulse, getLineColor: pulse },
    }),
  ];
}
