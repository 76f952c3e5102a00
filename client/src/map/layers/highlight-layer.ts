import { ScatterplotLayer } from '@deck.gl/layers';

/**
 * A pulsing ring around the place an alert is about, drawn after a click in the alert list until the
 * next one (or a click on the map's empty space): the eye finds the spot after the fly-to.
 */
export function highlightLayers(at: [number, number] | null, clockS: number, wall: boolean) {
  if (!at) return [];
  const pulse = 0.5 + 0.5 * Math.sin(clockS * 4);
  const base = wall ? 30 : 22;
  return [
    new ScatterplotLayer<[number, number]>({
      id: 'alert-highlight',
      data: [at],
      getPosition: (p) => p,
      getRadius: base + 10 * pulse,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      getLineColor: [255, 214, 0, Math.round(160 + 95 * pulse)],
      lineWidthUnits: 'pixels',
      getLineWidth: wall ? 6 : 4,
      pickable: false,
      updateTriggers: { getRadius: pulse, getLineColor: pulse },
    }),
  ];
}
