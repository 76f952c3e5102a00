import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { anchor, type BochumSources } from './sources';
import { roundPoint, roundRing, slugify } from './geo-utils';

/**
 * ~25 m: invisible at city zoom, and it takes the 2,300-vertex OSM boundary
 * down to a few hundred vertices.
 */
const POLYGON_TOLERANCE_DEG = 0.0003;

function simplifyPolygon(poly: Feature<Polygon>): Polygon {
  const simple = turf.simplify(poly, { tolerance: POLYGON_TOLERANCE_DEG, highQuality: true });
  return { type: 'Polygon', coordinates: simple.geometry.coordinates.map((ring) => roundRing(ring)) };
}

export function buildBoundary(src: BochumSources): FeatureCollection<Polygon, { name: string }> {
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', id: 'bochum', properties: { name: 'Bochum' }, geometry: simplifyPolygon(src.boundary) }],
  };
}

export function buildDistricts(src: BochumSources): FeatureCollection<Polygon, { id: string; name: string }> {
  const features = src.districts.features.map((f) => ({
    type: 'Feature' as const,
    id: f.properties.zoneId,
    properties: { id: f.properties.zoneId, name: f.properties.label },
    geometry: simplifyPolygon(f),
  }));
  if (features.length !== 6) throw new Error(`expected 6 Stadtbezirke, got ${features.length}`);
  return { type: 'FeatureCollection', features };
}

/** Anchor-point name prefixes in anchor_points.csv and the names shown on the map. */
const LANDMARKS: { anchor: string; name: string; id?: string }[] = [
  { anchor: 'Hauptbahnhof', name: 'Hauptbahnhof' },
  { anchor: 'Ruhrstadion', name: 'Vonovia Ruhrstadion', id: 'ruhrstadion' },
  { anchor: 'Jahrhunderthalle', name: 'Jahrhunderthalle' },
  { anchor: 'Ruhr-Universitaet', name: 'Ruhr-Universität Bochum', id: 'ruhr-universitaet' },
];

export function buildLandmarks(src: BochumSources): FeatureCollection<Point, { id: string; name: string }> {
  return {
    type: 'FeatureCollection',
    features: LANDMARKS.map((l) => {
      const id = l.id ?? slugify(l.name);
      return {
        type: 'Feature' as const,
        id,
        properties: { id, name: l.name },
        geometry: { type: 'Point' as const, coordinates: roundPoint(anchor(src, l.anchor)) },
      };
    }),
  };
}
