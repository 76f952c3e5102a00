import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { SensorKind } from '../../../common/readings.js';
import { useI18n } from '../i18n/i18n.js';
import { usePlannerT } from '../i18n/planner-strings.js';
import type { CityModel } from '../map/city-model.js';
import type { MapHandle } from '../map/MapView.js';
import type { PlacesStore } from '../places/places-store.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useParts } from '../live/use-parts.js';
import type { Selection } from '../url/url-state.js';
import { PlaceCard } from './PlaceCard.js';
import { buildSearchItems } from './search-items.js';
import { rankMatches, type SearchItem } from './search-match.js';
import './search.css';

interface Props {
  city: CityModel;
  shown: DisplayedCity;
  places: PlacesStore | null;
  map: MapHandle | null;
  selection: Selection | null;
  onSelect: (selection: Selection | null) => void;
  /** makes the layer of a chosen object visible */
  onShowKind: (kind: SensorKind) => void;
  onShowPlaces: () => void;
}

const NO_PLACES: never[] = [];
/** Without a places store there is nothing to follow. */
const NO_STORE = { subscribe: () => () => {} };
const SENSOR_KINDS_SEARCHED = new Set<string>(['climate', 'traffic', 'parking', 'charging']);

/** Whether a key press belongs to a text field (then "/" is just a slash). */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * "Find a station, car park, charging site, street or Kita": a combobox over everything on the map.
 * "/" focuses it, ↑/↓ choose, Enter opens: the map flies there and the object opens as a click
 * would (its detail panel with charts; a place its card), with its layer switched on if it was off.
 */
export function SearchBox({ city, shown, places, map, selection, onSelect, onShowKind, onShowPlaces }: Props) {
  const { lang } = useI18n();
  const t = usePlannerT();
  // the districts change their figures every tick, their names never: only a change of names renders the box again
  const [districtKey] = useParts(shown, () => [shown.view().districts.map((d) => `${d.districtId}=${d.name}`).join('|')] as const);
  // the places store moves with every delta (their UTCI); the box follows only its list
  const [placeList] = useParts(places ?? NO_STORE, () => [places?.places ?? NO_PLACES] as const);
  const items = useMemo(
    () => buildSearchItems(city, placeList, shown.view().districts, lang),
    // districtKey stands for the districts' names
    [city, placeList, districtKey, lang, shown],
  );
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [placeId, setPlaceId] = useState<string | null>(null);
  const ringed = useRef<SearchItem['target'] | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const results = useMemo(() => rankMatches(items, query, 12), [items, query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(e.target)) {
        e.preventDefault();
        input.current?.focus();
        setOpen(true);
      } else if (e.key === 'Escape' && !e.defaultPrevented) setPlaceId(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A click on another object closes the place card; the ring stays only on what is still open.
  useEffect(() => {
    if (selection) setPlaceId(null);
    const r = ringed.current;
    if (!r) return;
    const stillOpen = r.type === 'place' ? placeId === r.id && !selection : selection?.type === r.type && selection.id === r.id;
    if (!stillOpen) {
      map?.highlight(null);
      ringed.current = null;
    }
  }, [selection, placeId, map]);

  const choose = (item: SearchItem | undefined) => {
    if (!item) return;
    const target = item.target;
    if (target.type === 'district') {
      map?.flyCamera({ center: item.lonLat, zoom: 12.3, pitch: 0, bearing: 0, durationMs: 1200 });
      onShowKind('climate');
      onSelect({ type: 'district', id: target.id });
    } else {
      map?.flyTo(item.lonLat);
      if (target.type === 'place') {
        onShowPlaces();
        onSelect(null);
        setPlaceId(target.id);
      } else {
        if (SENSOR_KINDS_SEARCHED.has(item.kind)) onShowKind(item.kind as SensorKind);
        onSelect({ type: 'sensor', id: target.id });
      }
    }
    ringed.current = target.type === 'district' ? null : target;
    setQuery(item.label);
    setOpen(false);
    input.current?.blur();
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (results.length > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (open) choose(results[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open && query !== '') setOpen(false);
      else {
        setQuery('');
        input.current?.blur();
      }
    }
  };

  const showList = open && query.trim() !== '';
  const optionId = (i: number) => `${listId}-o${i}`;
  return (
    <>
      <div className="search" role="search" data-testid="search">
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && results.length > 0 ? optionId(active) : undefined}
          placeholder={t('search.placeholder')}
          title={t('search.hint')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        {query === '' && <kbd className="search-key" aria-hidden="true">/</kbd>}
        {showList && (
          <ul id={listId} role="listbox" className="search-results" data-testid="search-results">
            {results.length === 0 && <li className="search-none">{t('search.none')}</li>}
            {results.map((item, i) => (
              <li
                key={item.key}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                data-testid="search-option"
                // mousedown, not click: the input's blur would close the list first
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(item);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="search-label">{item.label}</span>
                <span className="search-sub">
                  {t(`search.kind.${item.kind}`)}
                  {item.kind !== 'district' && item.also.length > 0 && ` · ${item.also[item.also.length - 1]}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {places && placeId && <PlaceCard store={places} placeId={placeId} onClose={() => setPlaceId(null)} />}
    </>
  );
}
