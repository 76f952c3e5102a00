import { useEffect, useRef } from 'react';
import { Map as MapLibre, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { LiveStore } from '../live/live-store.js';
import type { SensorKind } from '../../../common/readings.js';
import { BOCHUM_BOUNDS, offlineBasemapStyle } from './basemap-style.js';
import type { CityModel } from './city-model.js';
import { chargingLayers } from './layers/charging-layers.js';
import { closureLayers } from './layers/closure-layers.js';
import { heatLayers } from './layers/heat-layers.js';
import { labelLayers } from './layers/label-layers.js';
import type { LayerContext } from './layers/layer-context.js';
import { parkingLayers } from './layers/parking-layers.js';
import { trafficLayers } from './layers/traffic-layers.js';

export type LayerVisibility = Record<SensorKind, boolean>;
export interface Hover {
  sensorId: string;
  x: number;
  y: number;
}

interface Props {
  city: CityModel;
  store: LiveStore;
  visible: LayerVisibility;
  wall: boolean;
  mapStyleUrl: string | null;
  onHover: (hover: Hover | null) => void;
  /** a click on a traffic link (to close it or report an incident); null for a click elsewhere */
  onSelectLink: (hover: Hover | null) => void;
}

// maplibre finds its worker next to its own module; once bundled, Vite must hand it the asset's URL.
setWorkerUrl(maplibreWorkerUrl);

/** Frames per second of the flow animation: smooth enough, and light on a software-rendered wall PC. */
const FPS = 30;

/**
 * The map: maplibre draws the basemap, deck.gl the live layers on top. Layers are rebuilt in an
 * animation loop outside React; deck.gl only recomputes attributes whose updateTriggers changed.
 */
export function MapView({ city, store, visible, wall, mapStyleUrl, onHover, onSelectLink }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const settings = useRef({ visible, wall, onHover, onSelectLink });
  settings.current = { visible, wall, onHover, onSelectLink };

  useEffect(() => {
    const map = new MapLibre({
      container: container.current!,
      style: mapStyleUrl ?? offlineBasemapStyle(window.location.origin),
      bounds: BOCHUM_BOUNDS,
      // Leave room for the legend panel on the left and the heat panels on the right.
      fitBoundsOptions: { padding: { left: 250, right: 340, top: 20, bottom: 20 } },
      attributionControl: { compact: true, customAttribution: '© OpenStreetMap contributors (ODbL), Stadt Bochum (CC0)' },
      dragRotate: false,
    });
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // Thin links are hard to hit with a mouse: pick within a few pixels.
      pickingRadius: 6,
      onHover: (info: PickingInfo) => {
        const obj = info.object as { id?: string } | undefined;
        settings.current.onHover(obj?.id ? { sensorId: obj.id, x: info.x, y: info.y } : null);
      },
      onClick: (info: PickingInfo) => {
        const obj = info.object as { id?: string } | undefined;
        settings.current.onSelectLink(info.layer?.id === 'traffic-links' && obj?.id ? { sensorId: obj.id, x: info.x, y: info.y } : null);
      },
    });
    map.addControl(overlay);
    if (!settings.current.wall) map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    // Lets the browser test point at a known place on the map (a car park) without guessing pixels.
    (window as unknown as { __stadtpulsProject: (lonLat: [number, number]) => [number, number] }).__stadtpulsProject = (lonLat) => {
      const p = map.project(lonLat);
      return [p.x, p.y];
    };

    let frame = 0;
    let last = 0;
    const draw = (now: number) => {
      frame = requestAnimationFrame(draw);
      if (now - last < 1000 / FPS) return;
      last = now;
      const { visible: v, wall: w } = settings.current;
      const cityNow = store.cityNow() ?? 0;
      const ctx: LayerContext = { city, store, versions: store.versions, clock: now / 1000, wall: w, cityNow, freshnessKey: Math.floor(cityNow / 60_000) };
      overlay.setProps({
        layers: [
          ...(v.climate ? heatLayers(ctx) : []),
          ...(v.traffic ? [...trafficLayers(ctx), ...closureLayers(ctx)] : []),
          ...(v.parking ? parkingLayers(ctx) : []),
          ...(v.charging ? chargingLayers(ctx) : []),
          ...labelLayers(ctx),
        ],
      });
    };
    frame = requestAnimationFrame(draw);
    return () => {
      cancelAnimationFrame(frame);
      map.removeControl(overlay);
      map.remove();
    };
  }, [city, store, mapStyleUrl]);

  return <div ref={container} className="map" data-testid="map" />;
}
