import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { clientConfigSchema, type ClientConfig } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';
import { SENSOR_KINDS } from '../../common/readings.js';
import { ExportBar } from './export/ExportBar.js';
import { useI18n } from './i18n/i18n.js';
import { useLiveConnection } from './live/use-live-connection.js';
import { LiveStore } from './live/live-store.js';
import { useNow } from './live/use-live.js';
import { useParts } from './live/use-parts.js';
import { linkParts } from './live/link-parts.js';
import { loadCityModel, type CityModel } from './map/city-model.js';
import type { RegistryOrder } from '../../common/registry-columns.js';
import { MapView, type Hover, type MapHandle } from './map/MapView.js';
import { useMapAfterFirstData } from './map/map-after-data.js';
import { DisplayedCity } from './time/displayed-city.js';
import { fetchPastState, fetchPastStateColumns } from './time/history-api.js';
import { TimeCursor } from './time/TimeCursor.js';
import { RangeBox } from './time/range-box.js';
import { useRunStart } from './time/use-run-start.js';
import { AlertsPanel } from './ui/AlertsPanel.js';
import { AlertTicker } from './ui/AlertTicker.js';
import { StaleBanner } from './ui/ConnectionBadge.js';
import { DistrictPanel } from './ui/DistrictPanel.js';
import { Header } from './ui/Header.js';
import { KpiTiles } from './ui/KpiTiles.js';
import { LayerPanel } from './ui/LayerPanel.js';
import { SensorTooltip } from './ui/SensorTooltip.js';
import { WorstLinksPanel } from './ui/WorstLinksPanel.js';
import { parseDemoParams } from './demo/demo-params.js';
import { demoRun, fetchDemoState } from './demo/demo-run.js';
import { ClosuresPanel } from './closures/ClosuresPanel.js';
import { planParam, WhatIfStore } from './whatif/whatif-store.js';
import { WhatIfPanel } from './whatif/WhatIfPanel.js';
import { useWhatIfKeys, useWhatIfUrl } from './whatif/use-whatif-wiring.js';
import { roadworksOf } from './whatif/traffic/roadworks-store.js';
import { DataAgeMarker } from './wall/DataAgeMarker.js';
import { parseTopicCycle } from './wall/topic-cycle.js';
import { useTopicCycle } from './wall/use-topic-cycle.js';
import { trackWallScale } from './wall/wall-scale.js';
import { useWallColumn, WallColumnContext } from './wall/wall-column.js';
import { PlacesStore } from './places/places-store.js';
import { PlacesPanel } from './places/PlacesPanel.js';
import { PlaceTooltip } from './places/PlaceTooltip.js';
import { DistrictPlaceCounts } from './places/DistrictPlaceCounts.js';
import { PlaceLayerControls } from './places/PlaceLayerControls.js';
import type { HeatMode } from './map/layers/layer-context.js';
import { parseUrlState, type LayerVisibility, type MapViewState, type Selection } from './url/url-state.js';
import { useUrlSync } from './url/use-url-sync.js';
import { streetBayCellM } from './map/layers/generated-layers.js';
import { PanelSheet } from './layout/PanelSheet.js';
import { SearchBox } from './search/SearchBox.js';
import { ChargingPanelButton } from './charging/ChargingPanelButton.js';

// Off the first screen, so off the first load (issue 11): the charts (recharts) only when something is
// selected, the demo player only in a demo.
const DetailPanel = lazy(() => import('./charts/DetailPanel.js').then((m) => ({ default: m.DetailPanel })));
const DemoPlayer = lazy(() => import('./demo/DemoPlayer.js').then((m) => ({ default: m.DemoPlayer })));
const ChargingPanel = lazy(() => import('./charging/ChargingPanel.js').then((m) => ({ default: m.ChargingPanel })));

/** What the address bar asked for when the page opened (view, layers, time, selection). */
const INITIAL = parseUrlState(window.location.search);
/** `?wall=1`: the control-room wall display: bigger type, no controls, no mouse cursor, no time cursor unless the URL holds a time. */
const WALL = new URLSearchParams(window.location.search).get('wall') === '1';
/** `?demo=<tour>`: the stand's demo tour plays on the map; read-only (no write controls, no time cursor). */
const DEMO = parseDemoParams(window.location.search);
/** `?wall=1&cycle=traffic,heat&every=30`: the wall turns through topic pages */
const CYCLE = WALL ? parseTopicCycle(window.location.search) : null;

/** The export bar over the time cursor's range, re-rendered alone as that range moves. */
function RangedExportBar({ box, ...rest }: { box: RangeBox } & Omit<Parameters<typeof ExportBar>[0], 'range'>) {
  useSyncExternalStore(box.subscribe, box.getVersion);
  return box.range ? <ExportBar range={box.range} {...rest} /> : null;
}

function MapStatusOverlay({ store }: { store: LiveStore }) {
  // the banner shows only while the link is not live: its state, not every delta, and the clock for the age
  useParts(store, () => linkParts(store));
  const now = useNow();
  return <StaleBanner store={store} now={now} />;
}

export function App() {
  const store = useMemo(() => new LiveStore(), []);
  const shown = useMemo(() => {
    // a page that keeps live columns takes the past in columns too (SCALE: 24 MB of JSON entries otherwise)
    const s = new DisplayedCity(store, DEMO ? fetchDemoState : (at, signal) => (store.columns ? fetchPastStateColumns(at, store.columns, signal) : fetchPastState(at, signal)));
    if (INITIAL.t !== null && !DEMO) s.showAt(INITIAL.t);
    return s;
  }, [store]);
  const [city, setCity] = useState<CityModel | null>(null);
  /** the registry's order, before the rest of the city model: the live snapshot is decoded with it (use-live-connection.ts) */
  const registryOrder = useMemo(() => {
    let resolve: (order: RegistryOrder) => void = () => undefined;
    const promise = new Promise<RegistryOrder>((r) => (resolve = r));
    return { promise, resolve };
  }, []);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState<LayerVisibility>(INITIAL.layers);
  // off unless the address names it: 590 Kitas, schools and playgrounds would cover the city view
  const [placesOn, setPlacesOn] = useState(INITIAL.places === true);
  const [hover, setHover] = useState<Hover | null>(null);
  const [selection, setSelection] = useState<Selection | null>(INITIAL.sel);
  // the e-mobility panel (`?emobility` opens it); it shares the detail panel's place, so one closes the other
  const [chargingOpen, setChargingOpen] = useState(new URLSearchParams(window.location.search).has('emobility'));
  useEffect(() => {
    if (selection) setChargingOpen(false);
  }, [selection]);
  const [mapHandle, setMapHandle] = useState<MapHandle | null>(null);
  const range = useMemo(() => new RangeBox(), []);
  const mapView = useRef<MapViewState | null>(INITIAL.view);
  // the street-bay grid's cell size at the map's zoom, for the legend (changes at one zoom only: no re-render per zoom step)
  const [bayCellM, setBayCellM] = useState(() => streetBayCellM(INITIAL.view?.zoom ?? 11));
  const runStart = useRunStart(store);
  const { t } = useI18n();

  const syncUrl = useUrlSync(() => ({ view: mapView.current, layers: visible, t: shown.wantedAt(), sel: selection, places: placesOn }));
  // The demo moves the city every second: the address bar keeps the tour's URL. Only the cursor's instant
  // is the displayed city's part of the address, and live data notify every second.
  useEffect(() => {
    if (DEMO) return undefined;
    let at = shown.wantedAt();
    return shown.subscribe(() => {
      if (shown.wantedAt() === at) return;
      at = shown.wantedAt();
      syncUrl();
    });
  }, [shown, syncUrl]);
  useEffect(syncUrl, [visible, selection, placesOn, syncUrl]);

  useEffect(() => {
    let cancelled = false;
    // The city model is static: retry until the server answers, so a wall display started before the server still comes up.
    const load = async () => {
      try {
        const [model, cfg] = await Promise.all([loadCityModel(registryOrder.resolve), fetch('/api/config').then(async (r) => clientConfigSchema.parse(await r.json()))]);
        if (!cancelled) {
          setCity(model);
          setConfig(cfg);
          setError(null);
        }
      } catch (err) {
        if (!cancelled) {
          setError((err as Error).message);
          window.setTimeout(load, 5000);
        }
      }
    };
    void load();
    return () => {
      cancelled = true;
    };
  }, []);

  // The columnar stream once the registry is here; the map's view and layers become the subscription (not on a wall or in a demo: they show the city).
  // under software rendering a map standing before the first data holds the live stream's snapshot back (map-after-data.ts)
  const mapStands = useMapAfterFirstData(shown, city !== null);
  const onLiveView = useLiveConnection(store, registryOrder.promise, visible, INITIAL.view, !WALL && !DEMO);
  // the wall's and the demo's type grows with the screen (styles.css)
  useEffect(() => (WALL || DEMO ? trackWallScale() : undefined), []);
  const sideColumn = useRef<HTMLDivElement>(null);
  useWallColumn(sideColumn, WALL);
  const topic = useTopicCycle(CYCLE, setVisible);
  const [heatMode, setHeatMode] = useState<HeatMode>('absolute');
  const places = useMemo(() => (city ? new PlacesStore(shown, city) : null), [city, shown]);
  useEffect(() => places?.start(), [places]);
  // The heat what-if (planners draw measures; the demo tour shows one); `plan=` in the address holds a drawn plan.
  const whatIf = useMemo(() => (city && !WALL ? new WhatIfStore(shown, city, () => places?.places ?? [], DEMO ? null : planParam(new URLSearchParams(window.location.search).get('plan'))) : null), [city, shown, places]);
  useEffect(() => whatIf?.start(), [whatIf]);
  useWhatIfUrl(DEMO ? null : whatIf);
  useWhatIfKeys(whatIf);

  const toggle = (kind: SensorKind) => setVisible((v) => ({ ...v, [kind]: !v[kind] }));
  // Escape closes the open detail panel (and with it the link's closure popup); forms inside handle their own Escape first
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        setSelection(null);
        setChargingOpen(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const pick = useCallback(
    (at: number) => {
      const liveNow = store.cityNow();
      if (liveNow !== null && at >= liveNow) shown.showLive();
      else shown.showAt(at);
    },
    [store, shown],
  );
  const selectedKind: SensorKind =
    (selection?.type === 'sensor' ? city?.byId.get(selection.id)?.kind : selection?.type === 'district' ? 'climate' : undefined) ?? SENSOR_KINDS.find((k) => visible[k]) ?? 'climate';
  const showCursor = !DEMO && (!WALL || INITIAL.t !== null);

  return (
    <div className={`app${WALL ? ' wall' : ''}${DEMO ? ' demo' : ''}`}>
      <Header store={store} shown={shown} recordedScenario={DEMO ? () => demoRun.scenario : undefined} />
      <DataAgeMarker store={store} shown={shown} />
      {city && <KpiTiles shown={shown} city={city} />}
      <main className="map-area">
        {city && config && mapStands && (
          <MapView
            city={city}
            shown={shown}
            visible={visible}
            wall={WALL}
            demo={DEMO !== null}
            mapStyleUrl={config.mapStyleUrl}
            initialView={INITIAL.view}
            onHover={setHover}
            onSelect={WALL ? () => {} : (id) => setSelection(id === null ? null : { type: 'sensor', id })}
            onViewChange={(v) => {
              mapView.current = v;
              onLiveView(v);
              syncUrl();
            }}
            onReady={setMapHandle}
            onZoom={(zoom) => setBayCellM(streetBayCellM(zoom))}
            places={placesOn ? places : null}
            heatMode={visible.climate ? heatMode : 'absolute'}
            whatIf={whatIf}
            onMapClick={(at) => (whatIf?.draft ? (whatIf.addPoint(at), true) : whatIf ? roadworksOf(whatIf).clickAt(at) : false)}
          />
        )}
        {city && !WALL && !DEMO && (
          <SearchBox
            city={city}
            shown={shown}
            places={places}
            map={mapHandle}
            selection={selection}
            onSelect={setSelection}
            onShowKind={(kind) => setVisible((v) => (v[kind] ? v : { ...v, [kind]: true }))}
            onShowPlaces={() => setPlacesOn(true)}
          />
        )}
        {!(city && config && mapStands) && <div className="loading">{error ? `${t('status.offline')}: ${error}` : t('status.connecting')}</div>}
        <MapStatusOverlay store={store} />
        {DEMO && (
          <Suspense fallback={null}>
            <DemoPlayer params={DEMO} shown={shown} map={mapHandle} setLayers={setVisible} setPlaces={setPlacesOn} whatIf={whatIf} onResume={() => setSelection(null)} />
          </Suspense>
        )}
        {whatIf && city && !DEMO && visible.climate && <WhatIfPanel store={whatIf} places={() => places?.places ?? []} initiallyOpen={whatIf.openOnStart || new URLSearchParams(window.location.search).has('whatif')} shown={shown} city={city} />}
        {topic && (
          <div className="wall-topic" data-testid="wall-topic" data-topic={topic}>
            {t(`wall.topic.${topic}`)}
          </div>
        )}
        <PanelSheet>
          <LayerPanel
            visible={visible}
            onToggle={toggle}
            wall={WALL}
            streetBayCellM={(city?.generated?.parking.ids.length ?? 0) > 0 ? bayCellM : null}
            extra={!WALL && <PlaceLayerControls placesOn={placesOn} onPlaces={setPlacesOn} heatMode={heatMode} onHeatMode={setHeatMode} heatOn={visible.climate} />}
          />
          <div className="side-panels" ref={sideColumn}>
            <WallColumnContext.Provider value={WALL}>
              {visible.charging && !WALL && !DEMO && <ChargingPanelButton open={chargingOpen} onOpen={() => (setSelection(null), setChargingOpen(true))} />}
              {WALL || DEMO ? <AlertTicker shown={shown} cap={config?.alertWallCap ?? 8} /> : <AlertsPanel shown={shown} map={mapHandle} />}
              {city && visible.traffic && <WorstLinksPanel shown={shown} sensors={city.byId} wall={WALL} />}
              {city && visible.traffic && <ClosuresPanel store={store} city={city} wall={WALL || DEMO !== null} />}
              {visible.climate && (
                <DistrictPanel shown={shown} selected={selection?.type === 'district' ? selection.id : null} onSelect={(id) => setSelection(WALL ? null : { type: 'district', id })}>
                  {places && placesOn && <DistrictPlaceCounts store={places} districts={['Mitte', 'Wattenscheid', 'Nord', 'Ost', 'Süd', 'Südwest']} />}
                </DistrictPanel>
              )}
              {places && placesOn && !WALL && <PlacesPanel store={places} at={shown.view().cityNow()} />}
            </WallColumnContext.Provider>
          </div>
        </PanelSheet>
        {city && !WALL && (
          // The selected object's panel says more than its tooltip would, right beside it.
          <SensorTooltip hover={selection?.type === 'sensor' && hover?.sensorId === selection.id ? null : hover} shown={shown} sensors={city.byId} />
        )}
        {places && placesOn && !WALL && <PlaceTooltip hover={hover} store={places} />}
        {chargingOpen && !selection && !WALL && !DEMO && (
          <Suspense fallback={null}>
            <ChargingPanel store={store} shown={shown} onClose={() => setChargingOpen(false)} />
          </Suspense>
        )}
        {city && selection && !WALL && (
          <Suspense fallback={null}>
            <DetailPanel selection={selection} city={city} store={store} shown={shown} runStart={runStart} onPick={pick} onClose={() => setSelection(null)} />
          </Suspense>
        )}
      </main>
      {showCursor && (
        <TimeCursor store={store} shown={shown} runStart={runStart} range={range.set}>
          {!WALL && <RangedExportBar box={range} shown={shown} kind={selectedKind} map={mapHandle} />}
        </TimeCursor>
      )}
    </div>
  );
}
