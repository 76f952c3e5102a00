import { useCallback, useEffect, useMemo, useRef } from 'react';
import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import type { RegistryOrder } from '../../../common/registry-columns.js';
import type { LayerVisibility } from '../url/url-state.js';
import { connectLive, type LiveRegistry } from './connection.js';
import type { LiveStore } from './live-store.js';
import { ViewSubscriptions, viewSubscription, type MapCentre } from './view-subscription.js';

/**
 * Connects the live store at once, in the columnar form, whose snapshot is decoded when the registry
 * it indexes into has loaded (before the rest of the city model: `loadCityModel`'s `onRegistry`); and, when
 * `narrow`, keeps the server told which kinds and which area the map shows. Returns what the map
 * calls after each move. A wall or a demo shows the whole city and subscribes to nothing (everything).
 */
export function useLiveConnection(store: LiveStore, registryOrder: Promise<RegistryOrder>, visible: LayerVisibility, initialView: MapCentre | null, narrow: boolean): (view: MapCentre) => void {
  const subs = useMemo(() => new ViewSubscriptions(), []);
  const mapView = useRef<MapCentre | null>(initialView);
  const kinds = SENSOR_KINDS.filter((k) => visible[k]).join(',');
  const update = useCallback(() => {
    const shown = kinds === '' ? [] : (kinds.split(',') as SensorKind[]);
    subs.want(viewSubscription(shown, mapView.current, { width: window.innerWidth, height: window.innerHeight }));
  }, [subs, kinds]);
  // Before connecting: the handshake carries the view, so the first snapshot is already the right one.
  useEffect(() => {
    if (narrow) update();
  }, [update, narrow]);
  const registry = useMemo(
    () => registryOrder.then(({ ids, kinds, generatedFrom }): LiveRegistry => ({ ids, kindOf: (i) => kinds[i], columnsOnly: (i) => i >= generatedFrom })),
    [registryOrder],
  );
  useEffect(() => connectLive(store, { registry, view: narrow ? subs : undefined }), [store, registry, subs, narrow]);
  useEffect(() => () => subs.dispose(), [subs]);
  return useCallback(
    (view: MapCentre) => {
      mapView.current = view;
      if (narrow) update();
    },
    [update, narrow],
  );
}
