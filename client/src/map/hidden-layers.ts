import type { Layer } from '@deck.gl/core';

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
