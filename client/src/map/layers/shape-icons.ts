/**
 * Symbol shapes for point layers, so kinds read apart by shape and not by colour alone (one
 * meaning per colour: colour says the state, shape says the kind). White SVG masks that deck.gl's
 * IconLayer tints with getColor; a dark copy one size larger beneath gives the outline.
 */
const SHAPES = {
  /** car park */
  roundedSquare: '<rect x="5" y="5" width="54" height="54" rx="14"/>',
  /** charging site */
  diamond: '<polygon points="32,2 62,32 32,62 2,32"/>',
  /**
   * a charging site without current data: a diamond's rim and hatching, the cartographic sign for "no data", so it
   * cannot pass for one of the filled greys that count its free points
   */
  diamondHatched:
    '<path fill-rule="evenodd" d="M32,2 62,32 32,62 2,32Z M32,12 52,32 32,52 12,32Z"/><clipPath id="diamond-hatch"><polygon points="32,12 52,32 32,52 12,32"/></clipPath><g clip-path="url(#diamond-hatch)"><rect x="17.5" width="5" height="64"/><rect x="29.5" width="5" height="64"/><rect x="41.5" width="5" height="64"/></g>',
  /** Kita: a house */
  house: '<polygon points="32,3 61,28 61,60 3,60 3,28"/>',
  /** school */
  triangle: '<polygon points="32,3 61,58 3,58"/>',
  /** playground */
  circle: '<circle cx="32" cy="32" r="24"/>',
  /** a traffic link's direction of travel, pointing east (turned by the layer's angle) */
  flowArrow: '<polygon points="8,10 58,32 8,54"/>',
  /** soil-moisture sensor in a street tree: a crown of three lobes on a trunk */
  tree: '<circle cx="32" cy="19" r="16"/><circle cx="19" cy="31" r="13"/><circle cx="45" cy="31" r="13"/><rect x="27" y="34" width="10" height="28" rx="2"/>',
} as const;

export type ShapeName = keyof typeof SHAPES;

export interface ShapeIcon {
  id: ShapeName;
  url: string;
  width: number;
  height: number;
  mask: true;
}

export const SHAPE_ICONS = Object.fromEntries(
  (Object.keys(SHAPES) as ShapeName[]).map((name) => [
    name,
    {
      id: name,
      url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" fill="#fff">${SHAPES[name]}</svg>`)}`,
      width: 64,
      height: 64,
      mask: true,
    },
  ]),
) as Record<ShapeName, ShapeIcon>;

/** The SVG body of a shape, for legends drawn in HTML. */
export function shapeSvgBody(name: ShapeName): string {
  return SHAPES[name];
}

export const SYMBOL_OUTLINE: [number, number, number, number] = [10, 14, 20, 235];
