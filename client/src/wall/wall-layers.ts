import type { Layer } from '@deck.gl/core';
import { IconLayer, TextLayer } from '@deck.gl/layers';
import { shortName } from './short-name.js';

/** name labels: abbreviated by rule and wrapped at spaces, never cut inside a word */
const NAME_LABELS = new Set(['landmark-labels']);
/** a label wraps after this many times its font size */
const LABEL_MAX_WIDTH_EM = 14;

type AnyProps = Record<string, unknown> & { id: string };

/**
 * The wall draws the same layers larger: text, pixel-sized markers and lines multiplied by the
 * wall scale (client/src/wall/wall-scale.ts), names shortened and wrapped at word boundaries (labels
 * are placed against each other on every screen at the drawn size, map/layers/label-declutter.ts). A layer keeps its id, so deck.gl updates rather than rebuilds it.
 * `shortNames: false` scales only (the demo tour: a 4K stand screen shows the 1920×1080 layout twice as large, names whole).
 */
export function scaleLayersForWall(layers: readonly Layer[], scale: number, { shortNames = true } = {}): Layer[] {
  return layers.map((layer) => {
    const props = layer.props as unknown as AnyProps;
    const changes: Record<string, unknown> = {};
    if (layer instanceof TextLayer) {
      changes.sizeScale = ((props.sizeScale as number | undefined) ?? 1) * scale;
      if (shortNames && NAME_LABELS.has(props.id)) {
        const getText = props.getText as (d: unknown, info: unknown) => string;
        changes.getText = (d: unknown, info: unknown) => shortName(String(getText(d, info)));
        changes.wordBreak = 'break-word';
        changes.maxWidth = LABEL_MAX_WIDTH_EM;
      }
    }
    // symbols (car parks, charging sites, places) drawn in pixels
    if (layer instanceof IconLayer && props.sizeUnits === 'pixels') changes.sizeScale = ((props.sizeScale as number | undefined) ?? 1) * scale;
    if ('radiusScale' in props && props.radiusUnits === 'pixels') changes.radiusScale = ((props.radiusScale as number | undefined) ?? 1) * scale;
    if ('lineWidthScale' in props && props.lineWidthUnits === 'pixels') changes.lineWidthScale = ((props.lineWidthScale as number | undefined) ?? 1) * scale;
    if ('widthScale' in props && props.widthUnits === 'pixels') changes.widthScale = ((props.widthScale as number | undefined) ?? 1) * scale;
    return Object.keys(changes).length === 0 ? layer : layer.clone(changes);
  });
}
