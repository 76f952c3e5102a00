import type { StyleSpecification } from 'maplibre-gl';

/**
 * The offline basemap, drawn from the project's own city model (data/city, served at /city):
 * no tile server, no token, no glyphs (labels are drawn by deck.gl), so it works in a closed network.
 */
export function offlineBasemapStyle(origin: string): StyleSpecification {
  const src = (name: string) => ({ type: 'geojson' as const, data: `${origin}/city/${name}.geojson` });
  return {
    version: 8,
    sources: {
      boundary: src('boundary'),
      districts: src('districts'),
      streets: src('streets'),
      rail: src('rail'),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#0b0f14' } },
      { id: 'city-fill', type: 'fill', source: 'boundary', paint: { 'fill-color': '#161d26' } },
      { id: 'district-lines', type: 'line', source: 'districts', paint: { 'line-color': '#3a4757', 'line-width': 1.2, 'line-dasharray': [3, 2] } },
      {
        id: 'rail',
        type: 'line',
        source: 'rail',
        paint: { 'line-color': '#4b5563', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 15, 2] },
      },
      {
        id: 'streets',
        type: 'line',
        source: 'streets',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['match', ['get', 'roadClass'], 'motorway', '#55606e', '#434c58'],
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 15, 8],
        },
      },
      { id: 'city-outline', type: 'line', source: 'boundary', paint: { 'line-color': '#8aa0b8', 'line-width': 2 } },
    ],
  };
}

/** Bochum's extent, [west, south, east, north]: the map opens on the whole city. */
export const BOCHUM_BOUNDS: [number, number, number, number] = [7.1, 51.39, 7.35, 51.535];
