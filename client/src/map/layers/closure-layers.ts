import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { TrafficClosure } from '../../../../common/protocol.js';
import { LABEL_FONT, type LayerContext } from './layer-context.js';

interface Marker {
  closure: TrafficClosure;
  position: [number, number];
}

/** Markers cached per closure list: the list changes rarely, the layers are rebuilt every frame. */
let cache: { closures: readonly TrafficClosure[]; markers: Marker[] } | null = null;

function markers(ctx: LayerContext): Marker[] {
  if (cache?.closures === ctx.store.closures) return cache.markers;
  const out = ctx.store.closures.flatMap((closure) => {
    const detector = ctx.city.trafficByLinkId.get(closure.linkId)?.[0];
    if (!detector) return [];
    const c = detector.geometry.coordinates;
    return [{ closure, position: c[Math.floor(c.length / 2)] }];
  });
  cache = { closures: ctx.store.closures, markers: out };
  return out;
}

/** Closures as a red "no entry" disc, incidents as an amber warning disc, at the middle of the link. */
export function closureLayers(ctx: LayerContext) {
  const data = markers(ctx);
  const size = ctx.wall ? 16 : 12;
  return [
    new ScatterplotLayer<Marker>({
      id: 'traffic-closures',
      data,
      getPosition: (m) => m.position,
      getRadius: size,
      radiusUnits: 'pixels',
      getFillColor: (m) => (m.closure.kind === 'closure' ? [220, 30, 30] : [245, 166, 35]),
      getLineColor: [255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: true,
    }),
    new TextLayer<Marker>({
      id: 'traffic-closure-symbols',
      data,
      getPosition: (m) => m.position,
      getText: (m) => (m.closure.kind === 'closure' ? '━' : '!'),
      getSize: size * 1.3,
      getColor: (m) => (m.closure.kind === 'closure' ? [255, 255, 255] : [20, 20, 20]),
      ...LABEL_FONT,
      outlineWidth: 0,
      characterSet: ['━', '!'],
    }),
  ];
}
