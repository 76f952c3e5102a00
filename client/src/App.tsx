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

/** `?wall=1`: the control-room wall display: bigger type, no controls, no cursor. */
const WALL = new URLSearchParams(window.location.search).get('wall') === '1';

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
  const [visible, setVisible] = useState<LayerVisibility>({ climate: true, traffic: true, parking: true, charging: true });
  const [hover, setHover] = useState<Hover | null>(null);
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
        {city && config && <MapView city={city} store={store} visible={visible} wall={WALL} mapStyleUrl={config.mapStyleUrl} onHover={setHover} />}
        {!city && <div className="loading">{error ? `${t('status.offline')}: ${error}` : t('status.connecting')}</div>}
        <MapStatusOverlay store={store} />
        <LayerPanel visible={visible} onToggle={toggle} wall={WALL} />
        <div className="side-panels">
          <AlertsPanel store={store} />
          {visible.climate && <DistrictPanel store={store} />}
        </div>
        {city && !WALL && <SensorTooltip hover={hover} store={store} sensors={city.byId} />}
      </main>
    </div>
  );
}
