import type { PlaceType } from '../../../common/places.js';
import type { StringKey } from '../i18n/strings.js';

export const TYPE_LABEL: Record<PlaceType, StringKey> = { kita: 'places.kita', school: 'places.school', playground: 'places.playground' };

/** The map's symbol of a place type (house, triangle, circle), for lists and the legend. */
export function PlaceShape({ type, color = 'currentColor' }: { type: PlaceType; color?: string }) {
  return (
    <svg className="place-shape" viewBox="0 0 64 64" width="12" height="12" aria-hidden="true" fill={color}>
      {type === 'kita' && <polygon points="32,3 61,28 61,60 3,60 3,28" />}
      {type === 'school' && <polygon points="32,3 61,58 3,58" />}
      {type === 'playground' && <circle cx="32" cy="32" r="24" />}
    </svg>
  );
}
