import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import type { StreetLabel } from '../street-labels.js';
import { LABEL_BERTH, LABEL_FONT, besideItsPoint, SITE_LABEL_MIN_ZOOM, type LayerContext } from './layer-context.js';

type Label = { name: string; position: [number, number] };

/** Street names from this zoom on: the whole city on a 1920×1080 screen (zoom about 11.1) shows them; a laptop's or phone's city view (10–10.5) would be a tangle. */
const STREET_LABEL_MIN_ZOOM = 11;

/** Among street names that would overlap, the motorway's wins, then the ring's; landmarks win over streets, district names over landmarks, data labels over all of them. */
const STREET_PRIORITY: Record<string, number> = { motorway: -6, ring: -7 };
const LANDMARK_PRIORITY = -5;
const DISTRICT_PRIORITY = -1;

/** District names, street names along their roads and landmarks: drawn by deck.gl because the offline basemap has no glyph server. */
export function labelLayers(ctx: LayerContext) {
  const { city, wall } = ctx;
  return [
    new TextLayer<StreetLabel, CollisionFilterExtensionProps<StreetLabel>>({
      id: 'street-labels',
      data: city.streetLabels ?? [],
      visible: (ctx.zoom ?? 14) >= STREET_LABEL_MIN_ZOOM,
      extensions: [new CollisionFilterExtension()],
      collisionGroup: 'labels',
      getCollisionPriority: (d) => STREET_PRIORITY[d.roadClass] ?? -8,
      // each name keeps a berth from every other label
      collisionTestProps: { sizeScale: 2 },
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getAngle: (d) => d.angle,
      // beside the road rather than on it: the traffic links and their chevrons run along the line itself
      getAlignmentBaseline: 'bottom',
      getSize: wall ? 15 : 12,
      getColor: [196, 206, 220, 235],
      ...LABEL_FONT,
      outlineWidth: 4,
    }),
    new TextLayer<Label, CollisionFilterExtensionProps<Label>>({
      id: 'district-labels',
      data: city.districtLabels,
      extensions: [new CollisionFilterExtension()],
      collisionGroup: 'labels',
      getCollisionPriority: DISTRICT_PRIORITY,
      ...LABEL_BERTH,
      getPosition: (d) => d.position,
      getText: (d) => d.name.toUpperCase(),
      getSize: wall ? 20 : 14,
      getColor: [150, 170, 190, 200],
      ...LABEL_FONT,
    }),
    new ScatterplotLayer<Label>({
      id: 'landmark-dots',
      data: city.landmarks,
      visible: (ctx.zoom ?? 14) >= SITE_LABEL_MIN_ZOOM,
      getPosition: (d) => d.position,
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [230, 230, 230],
    }),
    new TextLayer<Label, CollisionFilterExtensionProps<Label>>({
      id: 'landmark-labels',
      data: city.landmarks,
      visible: (ctx.zoom ?? 14) >= SITE_LABEL_MIN_ZOOM,
      extensions: [new CollisionFilterExtension()],
      collisionGroup: 'labels',
      getCollisionPriority: LANDMARK_PRIORITY,
      ...LABEL_BERTH,
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getSize: wall ? 16 : 12,
      getColor: [230, 230, 230],
      getTextAnchor: 'start',
      ...besideItsPoint([8, 10]),
      ...LABEL_FONT,
    }),
  ];
}
