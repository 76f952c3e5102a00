import type { Map as MapLibre } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer } from '@deck.gl/core';
import { scaleLayersForWall } from './wall-layers.js';
import { LayerReuse } from '../map/layer-reuse.js';
import { wallScale } from './wall-scale.js';
import { ringsBounds } from '../../../common/geo-bounds.js';

/** margin around the city on the wall, as a share of the map's shorter side */
const WALL_MARGIN = 0.02;

function widthOf(el: Element | null | undefined): number {
  return el ? el.getBoundingClientRect().width : 0;
}

/** The wall's map padding: a small margin, the same on every side. */
export function wallPadding(width: number, height: number): number {
  return Math.round(Math.min(width, height) * WALL_MARGIN);
}

/**
 * The wall shows the whole city and nothing else: fitted to the map with a small margin, again
 * whenever the screen changes size. The panels float over the map's sides, beside the city.
 */
export function fitCityToWall(map: MapLibre, rings: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): void {
  const bounds = ringsBounds(rings);
  const fit = () => {
    const c = map.getContainer();
    const m = wallPadding(c.clientWidth, c.clientHeight);
    // Keep the city clear of the legend (left) and the panels (right) when there is room beside it;
    // where there is none (a narrow screen), the panels float over its edge rather than shrink it.
    const left = m + widthOf(c.parentElement?.querySelector('.layer-panel'));
    const right = m + widthOf(c.parentElement?.querySelector('.side-panels'));
    const padding = { top: m, bottom: m, left: m, right: m };
    const cam = map.cameraForBounds(bounds, { padding });
    const beside = map.cameraForBounds(bounds, { padding: { ...padding, left, right } });
    map.fitBounds(bounds, { padding: beside && cam && beside.zoom !== undefined && cam.zoom !== undefined && cam.zoom - beside.zoom < 0.05 ? { ...padding, left, right } : padding, duration: 0 });
  };
  fit();
  map.on('resize', fit);
}

/**
 * Every layer set on the overlay is drawn at the wall's scale: the map's layer code stays the same
 * for desk and wall, and the scale follows the screen size at each frame. The demo tour scales the
 * desk's layers the same way (`demo`): up only (a phone or laptop keeps the desk's sizes), names whole.
 */
export function scaleOverlayForWall(overlay: MapboxOverlay, { demo = false } = {}): void {
  const setProps = overlay.setProps.bind(overlay);
  // scaling clones the layers: deck.gl gets back the instances it has where the scaled props are unchanged (layer-reuse.ts)
  const reuse = new LayerReuse();
  overlay.setProps = (props) => {
    const layers = props.layers as Layer[] | undefined;
    if (!layers) return setProps(props);
    const scale = wallScale(window.innerWidth, window.innerHeight);
    const scaled = scaleLayersForWall(layers.flat().filter(Boolean) as Layer[], demo ? Math.max(1, scale) : scale, { shortNames: !demo });
    reportTextSizes(scaled);
    setProps({ ...props, layers: reuse.keep(scaled) });
  };
}

/**
 * The drawn size in pixels of each text layer with text (size × scale), on `window.__stadtpulsWallText`:
 * the browser test measures the map's smallest label with it (deck.gl draws text into WebGL, out of the DOM's reach).
 */
function reportTextSizes(layers: readonly Layer[]): void {
  const sizes: Record<string, number> = {};
  for (const layer of layers) {
    const p = layer.props as unknown as { id: string; getSize?: unknown; sizeScale?: number; getText?: unknown; data?: unknown };
    if (p.getText === undefined || typeof p.getSize !== 'number') continue;
    if (Array.isArray(p.data) && p.data.length === 0) continue;
    sizes[p.id] = p.getSize * (p.sizeScale ?? 1);
  }
  (window as unknown as { __stadtpulsWallText?: Record<string, number> }).__stadtpulsWallText = sizes;
}
