import { ClipExtension } from '@deck.gl/extensions';
import { BitmapLayer, PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { LocalProjection } from '../../../../common/geo.js';
import { treePositions, type Measure } from '../../../../common/measures.js';
import type { PlanResult } from '../../../../common/models/heat-plan.js';
import type { WhatIfStore, WhatIfView } from '../../whatif/whatif-store.js';
import { rampColor, WHATIF_DIFF_STOPS } from '../colors.js';
import { utciSurfaceColor } from '../heat-colors.js';

/** Largest side of the plan's image: a plan spread over the city (the register) draws coarser cells. */
const MAX_IMAGE_PX = 1400;

type Image = { canvas: HTMLCanvasElement; bounds: [number, number, number, number] } | null;
let imageCache: { result: PlanResult; view: WhatIfView; image: Image } | null = null;

/** The plan's cells drawn as the heat surface with the plan ('after', and right of the split view's divider) or as the difference. */
function planImage(result: PlanResult, view: WhatIfView, refLat: number): Image {
  if (imageCache?.result === result && imageCache.view === view) return imageCache.image;
  let image: Image = null;
  if (result.cells.length > 0 && view !== 'before') {
    const proj = new LocalProjection(refLat);
    const xs = result.cells.map((c) => proj.x(c.lon));
    const ys = result.cells.map((c) => proj.y(c.lat));
    const half = result.cellM / 2;
    const [x0, x1] = [Math.min(...xs) - half, Math.max(...xs) + half];
    const [y0, y1] = [Math.min(...ys) - half, Math.max(...ys) + half];
    const px = Math.max(result.cellM, (x1 - x0) / MAX_IMAGE_PX, (y1 - y0) / MAX_IMAGE_PX);
    const w = Math.max(1, Math.ceil((x1 - x0) / px));
    const h = Math.max(1, Math.ceil((y1 - y0) / px));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d')!;
    const data = ctx.createImageData(w, h);
    const strongest = new Float32Array(w * h);
    result.cells.forEach((c, i) => {
      const d = c.after - c.before;
      if (Math.abs(d) < 0.05) return;
      const col = Math.min(w - 1, Math.floor((xs[i] - x0) / px));
      const row = Math.min(h - 1, Math.floor((y1 - ys[i]) / px));
      const [r, g, b] = view === 'difference' ? rampColor(WHATIF_DIFF_STOPS, d) : utciSurfaceColor(c.after);
      // where coarse pixels hold several cells, the strongest change wins
      const p = row * w + col;
      if (Math.abs(d) <= strongest[p]) return;
      strongest[p] = Math.abs(d);
      data.data.set([r, g, b, 235], p * 4);
    });
    ctx.putImageData(data, 0, 0);
    image = { canvas, bounds: [x0 / proj.kx, y0 / proj.ky, x1 / proj.kx, y1 / proj.ky] };
  }
  imageCache = { result, view, image };
  return image;
}

/** Crowns half transparent: their shadow (the difference layer) shows through where it falls under them. */
const TREE: [number, number, number, number] = [40, 160, 70, 150];
const AREA: Record<'shade' | 'green', [number, number, number, number]> = { shade: [200, 200, 210, 70], green: [60, 170, 80, 70] };

type Areas = Array<Extract<Measure, { type: 'shade' | 'green' }>>;
type Waters = Array<Extract<Measure, { type: 'water' }>>;
let dataCache: { measures: Measure[]; trees: Array<{ at: [number, number]; r: number }>; areas: Areas; water: Waters } | null = null;

/** The measures as layer data, the same arrays until the plan changes (deck.gl then keeps its attributes). */
function layerData(store: WhatIfStore) {
  const measures = store.measures();
  if (dataCache?.measures !== measures) {
    dataCache = {
      measures,
      trees: measures.flatMap((m) => (m.type === 'trees' ? treePositions(m).map((at) => ({ at, r: m.crownDiameterM / 2 })) : [])),
      areas: measures.filter((m): m is Areas[number] => m.type === 'shade' || m.type === 'green'),
      water: measures.filter((m): m is Waters[number] => m.type === 'water'),
    };
  }
  return dataCache;
}

const CLIP = [new ClipExtension()];

/**
 * The plan on the map: its effect, the drawn measures and the drawing in progress. In the split view
 * (`swipe`) the effect is clipped to east of the divider; `lonAt` gives the longitude at a fraction of
 * the map's width (the map is never rotated for planning).
 */
export function whatIfLayers(store: WhatIfStore, wall: boolean, lonAt?: (fractionOfWidth: number) => number) {
  const result = store.result();
  const swipe = store.view === 'swipe' && lonAt !== undefined;
  const image = result ? planImage(result, store.view === 'swipe' ? 'after' : store.view, store.refLat) : null;
  const { trees, areas, water } = layerData(store);
  const draft = store.draft;
  const key = `${store.planKey}/${draft?.points.length ?? -1}`;
  return [
    image &&
      new BitmapLayer({
        id: 'whatif-effect',
        image: image.canvas,
        bounds: image.bounds,
        opacity: 0.9,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        updateTriggers: { image: [key] },
        ...(swipe ? { extensions: CLIP, clipBounds: [lonAt(store.swipeAt), -90, 180, 90] as [number, number, number, number] } : {}),
      }),
    new PolygonLayer<(typeof areas)[number]>({
      id: 'whatif-areas',
      data: areas,
      getPolygon: (m) => m.polygon,
      getFillColor: (m) => AREA[m.type],
      getLineColor: [255, 255, 255, 220],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
      filled: true,
      updateTriggers: { getPolygon: [key], getFillColor: [key] },
    }),
    new ScatterplotLayer<(typeof trees)[number]>({
      id: 'whatif-trees',
      data: trees,
      getPosition: (t) => t.at,
      getRadius: (t) => t.r,
      radiusUnits: 'meters',
      radiusMinPixels: wall ? 3 : 2,
      getFillColor: TREE,
      getLineColor: [230, 255, 230, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      updateTriggers: { getPosition: [key], getRadius: [key] },
    }),
    new ScatterplotLayer<(typeof water)[number]>({
      id: 'whatif-water',
      data: water,
      getPosition: (m) => m.at,
      getRadius: (m) => m.radiusM,
      radiusUnits: 'meters',
      radiusMinPixels: 4,
      getFillColor: [60, 140, 230, 200],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      updateTriggers: { getPosition: [key] },
    }),
    draft &&
      draft.points.length > 0 &&
      new PathLayer({
        id: 'whatif-draft-line',
        data: [{ path: draft.type === 'trees' ? draft.points : [...draft.points, draft.points[0]] }],
        getPath: (d: { path: Array<readonly [number, number]> }) => d.path as Array<[number, number]>,
        getColor: [255, 255, 255, 230],
        widthUnits: 'pixels',
        getWidth: 2,
        updateTriggers: { getPath: [key] },
      }),
    draft &&
      new ScatterplotLayer({
        id: 'whatif-draft-points',
        data: draft.points,
        getPosition: (p: readonly [number, number]) => p as [number, number],
        getRadius: 5,
        radiusUnits: 'pixels',
        getFillColor: [255, 255, 255, 255],
        getLineColor: [20, 20, 20, 255],
        stroked: true,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        updateTriggers: { getPosition: [key] },
      }),
  ];
}
