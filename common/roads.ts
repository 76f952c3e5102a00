import { z } from 'zod';

/**
 * The road graph of Bochum's main network (data/roads.geojson, built by data/build/road-graph.ts):
 * directed links as LineStrings running in the direction of flow, and the nodes they join as Points.
 * The traffic model (common/models/traffic-*.ts) runs on it; detectors in the sensor registry point
 * at the link they sit on (`linkId`).
 */

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const ROAD_LINK_CLASSES = ['motorway', 'trunk', 'ring', 'arterial', 'ramp'] as const;
export const NODE_KINDS = ['junction', 'interchange', 'exit', 'gateway', 'end', 'cut'] as const;

/** Stadtbezirk ids (as in data/city/districts.geojson); the demand model's inner zones. */
export const DISTRICT_IDS = ['mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest'] as const;
export type DistrictId = (typeof DISTRICT_IDS)[number];

export const roadLinkPropertiesSchema = z.strictObject({
  kind: z.literal('link'),
  id: z.string().min(1),
  street: z.string().min(1),
  roadClass: z.enum(ROAD_LINK_CLASSES),
  from: z.string().min(1),
  to: z.string().min(1),
  lengthM: z.number().positive(),
  lanes: z.number().int().positive(),
  /** capacity of this direction, vehicles per hour */
  capacityVehH: z.number().positive(),
  freeFlowKmh: z.number().positive(),
  /** geometry (or, for ramps, the whole connector) drawn from public facts rather than traced */
  approximate: z.boolean(),
});

export const roadNodePropertiesSchema = z.strictObject({
  kind: z.literal('node'),
  id: z.string().min(1),
  nodeKind: z.enum(NODE_KINDS),
  name: z.string().optional(),
  /** demand zone: a Stadtbezirk id, or for gateways their own id */
  zone: z.string().min(1),
  /** trips of its zone may start and end here (not at motorway cut points) */
  access: z.boolean(),
});

export const roadFeatureSchema = z.union([
  z.object({
    type: z.literal('Feature'),
    id: z.string(),
    properties: roadLinkPropertiesSchema,
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(lonLat).min(2) }),
  }),
  z.object({
    type: z.literal('Feature'),
    id: z.string(),
    properties: roadNodePropertiesSchema,
    geometry: z.object({ type: z.literal('Point'), coordinates: lonLat }),
  }),
]);

export const roadNetworkSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(roadFeatureSchema).min(2),
});

export type RoadLinkProperties = z.infer<typeof roadLinkPropertiesSchema>;
export type RoadNodeProperties = z.infer<typeof roadNodePropertiesSchema>;
export type RoadFeature = z.infer<typeof roadFeatureSchema>;
export type RoadNetworkCollection = z.infer<typeof roadNetworkSchema>;
