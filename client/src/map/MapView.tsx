import { useEffect, useRef } from 'react';
import { Map as MapLibre, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import type { TrafficClosure } from '../../../common/protocol.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import type { LayerVisibility, MapViewState } from '../url/url-state.js';
import { BOCHUM_BOUNDS, offlineBasemapStyle } from './basemap-style.js';
import { fitCityToWall, scaleOverlayForWall } from '../wall/wall-map.js';
import type { CityModel } from './city-model.js';
import { chargingLayers } from './layers/charging-layers.js';
import { closureLayers } from './layers/closure-layers.js';
import { heatLayers, heatSurfacesDrawn, onHeatSurfaceDrawn, shownCityMeanUtci } from './layers/heat-layers.js';
import { labelLayers } from './layers/label-layers.js';
import type { LayerContext } from './layers/layer-context.js';
import { parkingLayers } from './layers/parking-layers.js';
import { treeLayers } from './layers/tree-layers.js';
import { generatedLayers } from './layers/generated-layers.js';
import { drawKey } from './redraw-key.js';
import { trafficLayers } from './layers/traffic-layers.js';
import { compositeMapPng } from './map-png.js';
import { highlightLayers } from './layers/highlight-layer.js';
import { demoRingLayers } from '../demo/ring-layer.js';
import { placeLayers } from '../places/place-layers.js';
import type { PlacesStore } from '../places/places-store.js';
import type { HeatMode } from './layers/layer-context.js';
import { whatIfLayers } from './layers/whatif-layers.js';
import type { WhatIfStore } from '../whatif/whatif-store.js';
import { roadworksLayers } from '../whatif/traffic/roadworks-layers.js';
import { roadworksOf } from '../whatif/traffic/roadworks-store.js';
import { DeckFrames, type DeckWork } from './deck-frames.js';
import { shownWithHiddenTwins } from './first-layers.js';
import { HiddenLayers, leaveOutEmpty } from './hidden-layers.js';
import { LayerReuse } from './layer-reuse.js';
import { FramePace, measureFrameCost } from './frame-pace.js';
import { timeLayerStepsForBench } from './layer-timing.js';
import { declutterOverlayLabels } from './layers/label-overlay.js';
import type { VersionedStore } from '../live/versioned-store.js';

export type { LayerVisibility } from '../url/url-state.js';
export interface Hover {
  sensorId: string;
  x: number;
  y: number;
}

/** What the page may ask of the map once it stands. */
export interface MapHandle {
  /** the map as shown, basemap and layers, as a PNG */
  toPng: () => Promise<Blob>;
  /** flies to a place (an alert's) and rings it until `highlight(null)` */
  flyTo: (lonLat: [number, number]) => void;
  highlight: (lonLat: [number, number] | null) => void;
  /** the demo tour's camera flight */
  flyCamera: (c: { center: [number, number]; zoom: number; pitch: number; bearing: number; durationMs: number }) => void;
  /** pulsing rings around what a demo caption speaks of ([] for none) */
  ring: (places: Array<[number, number]>) => void;
}

interface Props {
  city: CityModel;
  shown: DisplayedCity;
  visible: LayerVisibility;
  wall: boolean;
  /** the demo tour: its layers grow with a screen larger than 1920×1080, as the wall's do */
  demo?: boolean;
  mapStyleUrl: string | null;
  /** the view to start with (from the URL); the whole city when null */
  initialView: MapViewState | null;
  onHover: (hover: Hover | null) => void;
  /** a click on a sensor (station, link, car park, charging site); null for a click on nothing */
  onSelect: (sensorId: string | null) => void;
  onViewChange: (view: MapViewState) => void;
  /** the zoom once the map has loaded and after each zoom (what the legend says can depend on it) */
  onZoom?: (zoom: number) => void;
  onReady: (handle: MapHandle | null) => void;
  /** Kitas, schools and playgrounds (null: not loaded or switched off) */
  places?: PlacesStore | null;
  /** the heat surface as UTCI or as the difference from the city mean */
  heatMode?: HeatMode;
  /** the heat what-if: its plan drawn on the heat surface (null: none) */
  whatIf?: WhatIfStore | null;
  /** a click anywhere on the map, before it selects anything; true when it was taken (a what-if drawing) */
  onMapClick?: (lonLat: [number, number]) => boolean;
}

// maplibre finds its worker next to its own module; once bundled, Vite must hand it the asset's URL.
setWorkerUrl(maplibreWorkerUrl);
timeLayerStepsForBench();

/** Frames per second of the flow animation: smooth enough, and light on a software-rendered wall PC. */
const FPS = 30;
/** A SCALE city's map is heavier to draw: its chevrons step at this rate (still readable as motion). */
const SCALED_FPS = 10;
/**
 * Nothing notifies the map of the city clock passing a minute (the freshness of readings) or of held-back
 * data falling due (redraw-key.ts): the map looks once a second. It also wakes deck.gl's loop, which catches
 * an async change deck did not announce (a font or image loaded) within that second.
 */
const LOOK_EVERY_MS = 1000;
/** deck.gl picks asynchronously: after a pointer event its loop runs this long for the pick and its highlight. */
const POINTER_FRAMES_MS = 400;

/** The sensor behind a picked object: layers draw sensor features (with `id`) or closure markers (by link). */
function pickedSensor(info: PickingInfo, city: CityModel): string | null {
  if (info.layer?.id === 'traffic-closures') {
    const closure = (info.object as { closure?: TrafficClosure } | undefined)?.closure;
    return closure ? (city.trafficByLinkId.get(closure.linkId)?.[0]?.id ?? null) : null;
  }
  const id = (info.object as { id?: string } | undefined)?.id;
  return id && city.byId.has(id) ? id : null;
}

/**
 * The map: maplibre draws the basemap, deck.gl the layers of the displayed city on top. Layers are
 * rebuilt in an animation loop outside React; deck.gl only recomputes attributes whose updateTriggers changed.
 */
export function MapView({ city, shown, visible, wall, demo = false, mapStyleUrl, initialView, onHover, onSelect, onViewChange, onZoom, onReady, places = null, heatMode = 'absolute', whatIf = null, onMapClick }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const settings = useRef({ visible, wall, demo, onHover, onSelect, onViewChange, onZoom, onReady, places, heatMode, whatIf, onMapClick });
  settings.current = { visible, wall, demo, onHover, onSelect, onViewChange, onZoom, onReady, places, heatMode, whatIf, onMapClick };
  const startView = useRef(initialView);
  /** asks the map to look at what it shows again (set by the effect below; a changed prop may change the layers) */
  const redraw = useRef(() => {});
  useEffect(() => redraw.current());

  useEffect(() => {
    const start = startView.current;
    const map = new MapLibre({
      container: container.current!,
      style: mapStyleUrl ?? offlineBasemapStyle(window.location.origin),
      ...(start
        ? { center: [start.lon, start.lat] as [number, number], zoom: start.zoom }
        : {
            bounds: BOCHUM_BOUNDS,
            // Leave room for the legend panel on the left and the heat panels on the right; a phone has no room to leave.
            fitBoundsOptions: { padding: container.current!.clientWidth < 700 ? 10 : { left: 250, right: 340, top: 20, bottom: 20 } },
          }),
      attributionControl: { compact: true, customAttribution: '© OpenStreetMap contributors (ODbL), Stadt Bochum (CC0)' },
      dragRotate: false,
      // Tiles out of view kept per source. By default maplibre keeps 5 zoom levels' worth of the screen
      // (100 tiles per source at 1920×1080, 270 at 4K, each with its feature index): a demo tour or a wall
      // flying between views filled that for many minutes, which the soak measured as heap growth (issue 12).
      maxTileCacheSize: 24,
    });
    // bench/browser-scale.bench.ts sets these arrays before the page loads, to time layer builds and paints
    const bench = window as unknown as { __stadtpulsLayerMs?: number[]; __stadtpulsPaints?: Array<[number, number]> };
    const layerTimes = bench.__stadtpulsLayerMs;
    const paints = bench.__stadtpulsPaints;
    let builtVersions = 0;
    const deckFrames = new DeckFrames();
    const fps = city.generated ? SCALED_FPS : FPS;
    // the animation slows down to what a frame costs the renderer (frame-pace.ts)
    const pace = new FramePace(1000 / fps);
    const overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      // deck.gl's loop sleeps between changes (deck-frames.ts); not in DeckProps' type, forwarded to its AnimationLoop
      ...({ animationFrameProvider: deckFrames } as object),
      // Thin links are hard to hit with a mouse: pick within a few pixels.
      pickingRadius: 6,
      // The map is flat and its layers are painted in their order: a canvas without a depth buffer, where the
      // depth test always passes. Under a tilted camera (the demo tour) depth only cut symbols and text: deck.gl
      // draws a label upright at its anchor's depth, and the surfaces drawn before it hid its lower part. It
      // used to be turned off per layer (`depthCompare: 'always'`), but parameters of a layer's own make luma.gl
      // build a second GPU pipeline at its first draw, whose set-up waits for the GPU process: at SCALE=100000
      // the first frame with data waited 0.5-1.2 s for the three layers the hidden ones before the data
      // (first-layers.ts) could not ready (bench/browser-scale.bench.ts, docs/scale.md).
      deviceProps: { webgl: { depth: false } },
      // bench/browser-scale.bench.ts: when a frame with the data was drawn (sum of the kind versions built)
      onAfterRender: () => {
        paints?.push([builtVersions, performance.now()]);
        measureFrameCost((ms) => pace.record(ms));
      },
      onHover: (info: PickingInfo) => {
        const obj = info.object as { id?: string } | undefined;
        settings.current.onHover(obj?.id ? { sensorId: obj.id, x: info.x, y: info.y } : null);
      },
      onClick: (info: PickingInfo) => {
        if (info.coordinate && settings.current.onMapClick?.([info.coordinate[0], info.coordinate[1]])) return;
        settings.current.onSelect(pickedSensor(info, city));
      },
    });
    map.addControl(overlay);
    deckFrames.deck = (overlay as unknown as { _deck?: DeckWork })._deck ?? null;
    // labels placed whole against each other, again as the camera moves; before the wall's scaling, so at the drawn sizes
    declutterOverlayLabels(overlay, map, () => deckFrames.wake());
    if (settings.current.wall) {
      // the wall always shows the whole city, whatever view the address holds from an earlier visit
      scaleOverlayForWall(overlay);
      fitCityToWall(map, city.boundaryRings);
    } else if (settings.current.demo) scaleOverlayForWall(overlay, { demo: true });
    if (!settings.current.wall) map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right');
    // A phone has no room for the credits line: it stays behind its (i) button until asked for.
    if (container.current!.clientWidth < 700) map.once('load', () => container.current?.querySelector('.maplibregl-compact-show')?.classList.remove('maplibregl-compact-show'));
    map.on('moveend', () => {
      const c = map.getCenter();
      settings.current.onViewChange({ lon: c.lng, lat: c.lat, zoom: map.getZoom() });
    });
    map.once('load', () => settings.current.onZoom?.(map.getZoom()));
    map.on('zoomend', () => settings.current.onZoom?.(map.getZoom()));
    // Lets the browser test point at a known place on the map (a car park) without guessing pixels.
    (window as unknown as { __stadtpulsProject: (lonLat: [number, number]) => [number, number] }).__stadtpulsProject = (lonLat) => {
      const p = map.project(lonLat);
      return [p.x, p.y];
    };
    let highlighted: [number, number] | null = null;
    let rings: Array<[number, number]> = [];
    let frame = 0;
    let last = 0;
    // Redraw on change: layers are rebuilt when what they show changed, or every frame while something
    // moves with meaning (traffic chevrons, a highlight ring, the demo's rings). No frame is asked for
    // while nothing changes: the stores, the props, the camera and a slow look (LOOK_EVERY_MS) ask for one.
    let lastKey = '';
    // car parks, charging sites and places switched off stay in deck.gl's list, hidden (hidden-layers.ts)
    const hiddenLayers = new HiddenLayers();
    const reuse = new LayerReuse();
    /** Every layer the map shows for this context, in drawing order (some kinds' groups kept hidden, hidden-layers.ts). */
    const layersOf = (ctx: LayerContext) => {
      const { visible: v, wall: w, places: p, heatMode, whatIf: wi } = settings.current;
      return [
        ...(v.climate ? heatLayers(ctx) : []),
        ...(v.climate && wi ? whatIfLayers(wi, w, (f) => map.unproject([f * map.getContainer().clientWidth, map.getContainer().clientHeight / 2]).lng) : []),
        ...(v.traffic ? [...trafficLayers(ctx), ...closureLayers(ctx)] : []),
        ...(wi ? roadworksLayers(roadworksOf(wi), w) : []),
        ...generatedLayers(ctx, { parking: v.parking, climate: v.climate, traffic: v.traffic }),
        ...hiddenLayers.layers('parking', v.parking, () => parkingLayers(ctx)),
        ...hiddenLayers.layers('charging', v.charging, () => chargingLayers(ctx)),
        ...(v.tree ? treeLayers(ctx) : []),
        ...hiddenLayers.layers('places', p !== null, () => placeLayers(p!, w, ctx.versions.climate, ctx.freshnessKey, v.climate && heatMode === 'anomaly' ? shownCityMeanUtci : null, map.getZoom())),
        ...labelLayers(ctx),
        ...highlightLayers(highlighted, ctx.clock, w),
        ...demoRingLayers(rings, ctx.clock),
      ];
    };
    const requestDraw = () => {
      if (frame === 0) frame = requestAnimationFrame(draw);
    };
    const draw = (now: number) => {
      frame = 0;
      const { visible: v, wall: w, places: p, heatMode, whatIf: wi } = settings.current;
      // On a SCALE city every frame is costly under software rendering: its chevrons step with the data instead.
      // the split view's clip is in longitude: it follows the map while it is dragged
      const animating = (v.traffic && !city.generated) || highlighted !== null || rings.length > 0 || wi?.view === 'swipe';
      if (animating) requestDraw();
      if (now - last < 1000 / fps) {
        requestDraw();
        return;
      }
      const view = shown.view();
      const cityNow = view.cityNow() ?? 0;
      const ctx: LayerContext = { city, store: view, versions: view.versions, clock: now / 1000, wall: w, cityNow, freshnessKey: Math.floor(cityNow / 60_000), heatMode, zoom: map.getZoom() };
      const key = drawKey({ view, versions: view.versions, visible: v, wall: w, stores: [p, wi, wi && roadworksOf(wi)], heatMode, freshnessKey: ctx.freshnessKey, zoom: ctx.zoom ?? 0, surfaces: heatSurfacesDrawn() });
      if (!animating && key === lastKey) return;
      // a frame for the animation alone (nothing else changed) waits as long as the renderer needs for one
      if (key === lastKey && now - last < pace.intervalMs()) {
        requestDraw();
        return;
      }
      last = now;
      lastKey = key;
      const started = performance.now();
      const shownLayers = reuse.keep(leaveOutEmpty(layersOf(ctx)));
      // without data (a feed down, the link cut) what only data brings is readied hidden (first-layers.ts)
      overlay.setProps({ layers: view.cityNow() === null ? shownWithHiddenTwins(shownLayers, layersOf({ ...ctx, beforeData: true })) : shownLayers });
      deckFrames.wake();
      layerTimes?.push(performance.now() - started);
      builtVersions = Object.values(view.versions).reduce((a, b) => a + b, 0);
    };
    requestDraw();
    const unsubscribe = shown.subscribe(requestDraw);
    // the heat surface is drawn in a worker: its arrival is new data to the draw key
    const offSurface = onHeatSurfaceDrawn(requestDraw);
    // the stores drawn besides the city may be swapped by the page: each look subscribes to the current ones
    const followed = new Map<object, () => void>();
    const follow = () => {
      const { places: p, whatIf: wi } = settings.current;
      const now = new Set<object>([p, wi, wi && roadworksOf(wi)].filter((s): s is NonNullable<typeof s> => !!s));
      for (const [s, off] of followed) {
        if (now.has(s)) continue;
        off();
        followed.delete(s);
      }
      for (const s of now) if (!followed.has(s)) followed.set(s, (s as VersionedStore).subscribe(requestDraw));
    };
    follow();
    redraw.current = () => {
      follow();
      requestDraw();
    };
    settings.current.onReady({
      toPng: () => compositeMapPng(map, container.current!),
      flyTo: (lonLat) => {
        highlighted = lonLat;
        requestDraw();
        map.flyTo({ center: lonLat, zoom: Math.max(map.getZoom(), 14), duration: 1200 });
      },
      highlight: (lonLat) => {
        highlighted = lonLat;
        // a ring switched off is drawn away at once, not with the next change of data
        lastKey = '';
        requestDraw();
      },
      flyCamera: (c) => {
        map.flyTo({ center: c.center, zoom: c.zoom, pitch: c.pitch, bearing: c.bearing, duration: c.durationMs, essential: true });
      },
      ring: (places) => {
        rings = places;
        lastKey = '';
        requestDraw();
      },
    });

    const look = setInterval(() => {
      follow();
      requestDraw();
      deckFrames.wake();
    }, LOOK_EVERY_MS);
    map.on('zoom', requestDraw);
    // the wall scales its layers with the screen (wall-map.ts): a new size rebuilds them
    map.on('resize', () => {
      lastKey = '';
      requestDraw();
      deckFrames.wake(POINTER_FRAMES_MS);
    });
    const pointer = () => deckFrames.wake(POINTER_FRAMES_MS);
    for (const type of ['mousemove', 'mousedown', 'mouseout', 'click', 'dblclick', 'dragstart', 'drag', 'dragend'] as const) map.on(type, pointer);
    return () => {
      settings.current.onReady(null);
      cancelAnimationFrame(frame);
      redraw.current = () => {};
      unsubscribe();
      offSurface();
      for (const off of followed.values()) off();
      clearInterval(look);
      map.removeControl(overlay);
      map.remove();
    };
  }, [city, shown, mapStyleUrl]);

  return <div ref={container} className="map" data-testid="map" />;
}
