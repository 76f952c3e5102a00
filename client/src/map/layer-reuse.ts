import { _compareProps as compareProps, type Layer } from '@deck.gl/core';

/** Props deck.gl compares on its own terms (layer.ts diffProps); the rest it compares by its prop types. */
const COMPARED_APART = { data: null, updateTriggers: null, extensions: null, transitions: null };
/** deck.gl keeps a layer's prop types on its props under this symbol (lifecycle/constants.js). */
const PROP_TYPES = Symbol.for('propTypes');

type AnyLayer = Layer<Record<string, unknown>>;
type Props = AnyLayer['props'] & { [key: string]: unknown };

function sameTriggers(a: Props, b: Props): boolean {
  const names = new Set([...Object.keys(a.updateTriggers ?? {}), ...Object.keys(b.updateTriggers ?? {})]);
  for (const name of names) {
    const [x, y] = [a.updateTriggers?.[name] ?? {}, b.updateTriggers?.[name] ?? {}];
    if (compareProps({ newProps: x, oldProps: y, triggerName: name })) return false;
  }
  return true;
}

function sameExtensions(a: Props, b: Props): boolean {
  const [x, y] = [a.extensions ?? [], b.extensions ?? []];
  return x.length === y.length && x.every((e, i) => e.equals(y[i]));
}

/**
 * Whether deck.gl would find nothing to do going from `old` to `next`: the same data, the same update
 * triggers, extensions and other props by deck's own comparison (an accessor function is compared by
 * its triggers, as deck does; a function put for a constant or back is a change).
 */
export function unchangedLayer(next: AnyLayer, old: AnyLayer): boolean {
  if (next.constructor !== old.constructor) return false;
  const [p, q] = [next.props as Props, old.props as Props];
  if (p.data !== q.data || p.transitions || q.transitions) return false;
  // deck takes a constant where a function was as unchanged; here it is a change
  for (const key of Object.keys(p)) if (typeof p[key] !== typeof q[key]) return false;
  if (compareProps({ newProps: p, oldProps: q, ignoreProps: COMPARED_APART, propTypes: (p as Record<symbol, unknown>)[PROP_TYPES] as object })) return false;
  return sameTriggers(p, q) && sameExtensions(p, q);
}

/**
 * Hands deck.gl the layer instances it already has where nothing changed. The map rebuilds every layer
 * whenever one kind's data moves; a new instance with equal props still costs deck a props diff, and a
 * label layer kept as it was keeps its placed clone (label-declutter.ts compares its source by identity).
 */
export class LayerReuse {
  private last = new Map<string, AnyLayer>();

  keep<L extends Layer | null | false | undefined>(layers: L[]): L[] {
    const next = new Map<string, AnyLayer>();
    const out = layers.map((layer) => {
      if (!layer) return layer;
      const old = this.last.get(layer.id);
      const kept = old && unchangedLayer(layer as unknown as AnyLayer, old) ? (old as unknown as L) : layer;
      next.set(layer.id, kept as unknown as AnyLayer);
      return kept;
    });
    this.last = next;
    return out;
  }
}
