import { useEffect, useMemo, useState } from 'react';
import { clientConfigSchema, type ClientConfig } from '../../common/protocol.js';
import type { SensorKind } from '../../common/readings.js';
import { useI18n } from './i18n/i18n.js';
import { connectLive } from './live/connection.js';
import { LiveStore } from './live/live-store.js';
import { useLiveVersion, useNow } from './live/use-live.js';
import { loadCityModel, type CityModel } from './map/city-model.js';
import { MapView, type Hover, type LayerVisibility } from './map/MapView.js';
import { AlertsPanel } from './ui/AlertsPanel.js';
import { StaleBanner } from './ui/ConnectionBadge.js';
import { DistrictPanel } from './ui/DistrictPanel.js';
import { Header } from './ui/Header.js';
import { KpiTiles } from './ui/KpiTiles.js';
import { LayerPanel } from './ui/LayerPanel.js';
import { SensorTooltip } from './ui/SensorTooltip.js';
import { LinkControl } from './ui/LinkControl.js';
import { WorstLinksPanel } from './ui/WorstLinksPanel.js';

const PARAMS = new URLSearchParams(window.location.search);
/** `?wall=1`: the control-room wall display: bigger type, no controls, no cursor. */
const WALL = PARAMS.get('wall') === '1';

/** `?layers=traffic,parking`: which layers a screen starts with (a wall screen per topic); all by default. */
function initialVisibility(): LayerVisibility {
  const wanted = PARAMS.get('layers')?.split(',').map((s) => s.trim());
  const on = (kind: SensorKind) => !wanted || wanted.includes(kind) || (kind === 'climate' && wanted.includes('heat'));
  return { climate: on('climate'), traffic: on('traffic'), parking: on('parking'), charging: on('charging') };
}

function MapStatusOverlay({ store }: { store: LiveStore }) {
  useLiveVersion(store);
  const now = useNow();
  return <StaleBanner store={store} now={now} />;
}

export function App() {
  const store = useMemo(() => new LiveStore(), []);
  const [city, setCity] = useState<CityModel | null>(null);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [visible, setVisible] = useState<LayerVisibility>(initialVisibility);
  const [hover, setHover] = useState<Hover | null>(null);
  const [selectedLink, setSelectedLink] = useState<Hover | null>(null);
  const { t } = useI18n();

  useEffect(() => {
    let cancelled = false;
    // The city model is static: retry until the server answers, so a wall display started before the server still comes up.
    const load = async () => {
      try {
        const [model, cfg] = await Promise.all([loadCityModel(), fetch('/api/config').then(async (r) => clientConfigSchema.parse(await r.json()))]);
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

  useEffect(() => connectLive(store), [store]);

  const toggle = (kind: SensorKind) => setVisible((v) => ({ ...v, [kind]: !v[kind] }));

  return (
    <div className={`app${WALL ? ' wall' : ''}`}>
      <Header store={store} />
      {city && <KpiTiles store={store} city={city} />}
      <main className="map-area">
        {city && config && <MapView city={city} store={store} visible={visible} wall={WALL} mapStyleUrl={config.mapStyleUrl} onHover={setHover} onSelectLink={WALL ? () => {} : setSelectedLink} />}
        {!city && <div className="loading">{error ? `${t('status.offline')}: ${error}` : t('status.connecting')}</div>}
        <MapStatusOverlay store={store} />
        <LayerPanel visible={visible} onToggle={toggle} wall={WALL} />
        <div className="side-panels">
          <AlertsPanel store={store} />
          {city && visible.traffic && <WorstLinksPanel store={store} sensors={city.byId} />}
          {visible.climate && <DistrictPanel store={store} />}
        </div>
        {city && !WALL && !selectedLink && <SensorTooltip hover={hover} store={store} sensors={city.byId} />}
        {city && selectedLink && <LinkControl selected={selectedLink} store={store} sensors={city.byId} onClose={() => setSelectedLink(null)} />}
      </main>
    </div>
  );
}
