import type { Layer } from '@deck.gl/core';
import { IconLayer, TextLayer } from '@deck.gl/layers';

/**
 * Layers switched off stay in deck.gl's list, hidden, instead of leaving it. deck.gl's IconLayer does not
 * dispose of its icon texture cleanly when the layer is removed (visgl/deck.gl#9164): a layer taken out and
 * put back (the demo tour shows and hides car parks, charging sites and places from step to step) logged
 * "WebGL: INVALID_OPERATION: bindTexture: attempt to use a deleted object", "generateMipmap: no texture
 * bound" and "texSubImage2D: no texture bound" (175 warnings in 5 minutes of the tour at speed 10).
 *
 * A hidden group is the instances last built while it was shown, cloned once with `visible: false` (deck.gl
 * neither draws nor picks them) and `pickable: false`, and handed over unchanged on every later frame: their
 * data and update triggers stay those of their last shown frame, so deck.gl recomputes nothing for them.
 * A group never shown is not built at all.
 */
export class HiddenLayers {
  private lastShown = new Map<string, Layer[]>();
  private hidden = new Map<string, Layer[]>();

  /** The group's layers: built by `build` while `shown`, else its last shown layers, hidden. */
  layers(group: string, shown: boolean, build: () => Layer[]): Layer[] {
    if (shown) {
      const layers = build();
      this.lastShown.set(group, layers);
      this.hidden.delete(group);
      return layers;
    }
    const last = this.lastShown.get(group);
    if (!last) return [];
    let hidden = this.hidden.get(group);
    if (!hidden) {
      hidden = last.map((layer) => layer.clone({ visible: false, pickable: false }));
      this.hidden.set(group, hidden);
    }
    return hidden;
  }
}

/** deck.gl keeps the async props given as values (not a URL or a promise) under this symbol (lifecycle/constants.js). */
const ASYNC_RESOLVED = Symbol.for('asyncPropResolved');

/**
 * The rows a layer draws: the length of the data it was given (an array, or binary data with `length`); null
 * when it cannot tell: data not given (a BitmapLayer draws its image without), or given as a URL or a promise.
 */
function rowsOf(layer: Layer): number | null {
  const given = (layer.props as unknown as Record<symbol, Record<string, unknown> | undefined>)[ASYNC_RESOLVED];
  if (!given || !('data' in given)) return null;
  const data = given.data;
  if (Array.isArray(data)) return data.length;
  const length = (data as { length?: unknown } | null | undefined)?.length;
  return typeof length === 'number' ? length : null;
}

/**
 * Layers with no data left out of deck.gl's list: deck.gl updates and draws a layer of no rows like any other
 * (uniforms, bindings, a draw call of nothing), and the city view had four of them in every frame (the what-if's
 * trees and water, the closures and their symbols; issue 13). Icon and text layers (text is drawn by icon
 * layers) stay in the list, hidden, for the reason HiddenLayers gives; a layer whose data is not a list stays as it is.
 */
export function leaveOutEmpty<L extends Layer | null | false | undefined>(layers: readonly L[]): L[] {
  const out: L[] = [];
  for (const layer of layers) {
    if (!layer || rowsOf(layer) !== 0) out.push(layer);
    else if (layer instanceof IconLayer || layer instanceof TextLayer) out.push(layer.props.visible === false ? layer : (layer.clone({ visible: false }) as L));
  }
  return out;
}
