import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { StreetLabel } from '../street-labels.js';
import { LABEL_FONT, labelPriority, placedLabel, SITE_LABEL_MIN_ZOOM, type LayerContext, type PlacedLabelProps, type SymbolObstacleProps } from './layer-context.js';
import type { LabelPlacement, LabelSpot } from './label-placement.js';

type Label = { name: string; position: [number, number] };

/** Street names from this zoom on: the whole city on a 1920×1080 screen (zoom about 11.1) shows them; a laptop's or phone's city view (10–10.5) would be a tangle. */
const STREET_LABEL_MIN_ZOOM = 11;

/** Among street names that would overlap, the motorway's wins, then the ring's. */
const STREET_RANK: Record<string, number> = { motorway: 2, ring: 1 };

/** Beside the road rather than on it: the traffic links and their chevrons run along the line itself. */
const ON_THE_ROAD: LabelSpot[] = [{ offset: [0, 0], anchor: 'middle', baseline: 'bottom' }];

/**
 * A district's name at its centre, else a line above or below it: a district is an area, and a name
 * moved by a line still reads as its name. Where a station's value or a count holds all three places
 * (a phone's city view, where the values crowd the districts) the name gives way: the values are what
 * the map is read for, and the district panel names every district.
 */
function districtSpots(size: number): LabelSpot[] {
  const line = Math.round(size * 1.4);
  return [
    { offset: [0, 0], anchor: 'middle', baseline: 'center' },
    { offset: [0, -line], anchor: 'middle', baseline: 'center' },
    { offset: [0, line], anchor: 'middle', baseline: 'center' },
  ];
}

/** A landmark's name right below its dot, else left below it. */
const BESIDE_THE_DOT: LabelSpot[] = [
  { offset: [8, 10], anchor: 'start', baseline: 'center' },
  { offset: [-8, 10], anchor: 'end', baseline: 'center' },
];

/** One object per screen kind, so an unchanged layer stays the same layer (layer-reuse.ts). */
const STREETS: LabelPlacement<StreetLabel> = { priority: (d) => labelPriority('street', STREET_RANK[d.roadClass] ?? 0), spots: ON_THE_ROAD };
const DISTRICT_SIZE = { desk: 14, wall: 20 };
const DISTRICTS = { desk: { priority: labelPriority('district'), spots: districtSpots(DISTRICT_SIZE.desk) }, wall: { priority: labelPriority('district'), spots: districtSpots(DISTRICT_SIZE.wall) } };
const LANDMARKS: LabelPlacement<Label> = { priority: labelPriority('landmark'), spots: BESIDE_THE_DOT };
const LANDMARK_DOT = () => 5;

/** District names, street names along their roads and landmarks: drawn by deck.gl because the offline basemap has no glyph server. */
export function labelLayers(ctx: LayerContext) {
  const { city, wall } = ctx;
  const screen = wall ? 'wall' : 'desk';
  return [
    new TextLayer<StreetLabel, PlacedLabelProps<StreetLabel>>({
      id: 'street-labels',
      data: city.streetLabels ?? [],
      visible: (ctx.zoom ?? 14) >= STREET_LABEL_MIN_ZOOM,
      ...placedLabel(STREETS),
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getAngle: (d) => d.angle,
      getSize: wall ? 15 : 12,
      getColor: [196, 206, 220, 235],
      ...LABEL_FONT,
      outlineWidth: 4,
    }),
    new TextLayer<Label, PlacedLabelProps<Label>>({
      id: 'district-labels',
      data: city.districtLabels,
      ...placedLabel<Label>(DISTRICTS[screen]),
      getPosition: (d) => d.position,
      getText: (d) => d.name.toUpperCase(),
      getSize: DISTRICT_SIZE[screen],
      getColor: [150, 170, 190, 200],
      ...LABEL_FONT,
      updateTriggers: { getPixelOffset: wall },
    }),
    new ScatterplotLayer<Label, SymbolObstacleProps<Label>>({
      id: 'landmark-dots',
      labelObstacle: LANDMARK_DOT,
      data: city.landmarks,
      visible: (ctx.zoom ?? 14) >= SITE_LABEL_MIN_ZOOM,
      getPosition: (d) => d.position,
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [230, 230, 230],
    }),
    new TextLayer<Label, PlacedLabelProps<Label>>({
      id: 'landmark-labels',
      data: city.landmarks,
      visible: (ctx.zoom ?? 14) >= SITE_LABEL_MIN_ZOOM,
      ...placedLabel(LANDMARKS),
      getPosition: (d) => d.position,
      getText: (d) => d.name,
      getSize: wall ? 16 : 12,
      getColor: [230, 230, 230],
      ...LABEL_FONT,
    }),
  ];
}
