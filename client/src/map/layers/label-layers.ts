import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { LABEL_FONT, type LayerContext } from './layer-context.js';

type Label = { name: string; position: [number, number] };

/** District names and landmarks: drawn by deck.gl because the offline basemap has no glyph server. */
export function labelLayers(ctx: LayerContext) {
  const { city, wall } = ctx;
  return [
    new TextLayer<Label>({
      id: 'district-labels',
      data: city.districtLabels,
      getPosition: (d) => d.position,
      getText: (d) => d.name.toUpperCase(),
      getSize: wall ? 20 : 14,
      getColor: [150, 170, 190, 200],
      ...LABEL_FONT,
    }),
    new ScatterplotLayer<Label>({
      id: 'landmark-dots',
      data: city.landmarks,
      getPosition: (d) => d.position,
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [230, 230, 230],
    }),
    new TextLayer<Label>({
      id: 'landmark-labels',
      data: city.landmarks,
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getSize: wall ? 16 : 12,
      getColor: [230, 230, 230],
      getTextAnchor: 'start',
      getPixelOffset: [8, 10],
      ...LABEL_FONT,
    }),
  ];
}
