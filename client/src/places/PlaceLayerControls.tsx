import { useI18n } from '../i18n/i18n.js';
import type { HeatMode } from '../map/layers/layer-context.js';
import { PlaceShape } from './place-shape.js';
import { ANOMALY_STOPS, rgbCss } from '../map/colors.js';

/** Layer panel entries of this module: the places layer with its shape legend, and the heat surface's anomaly mode. */
export function PlaceLayerControls({
  placesOn,
  onPlaces,
  heatMode,
  onHeatMode,
  heatOn,
}: {
  placesOn: boolean;
  onPlaces: (on: boolean) => void;
  heatMode: HeatMode;
  onHeatMode: (mode: HeatMode) => void;
  heatOn: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="layer-extra">
      {heatOn && (
        <label className="layer-toggle">
          <input type="checkbox" checked={heatMode === 'anomaly'} onChange={(e) => onHeatMode(e.target.checked ? 'anomaly' : 'absolute')} data-testid="toggle-anomaly" />
          {t('heat.anomaly')}
        </label>
      )}
      {heatOn && heatMode === 'anomaly' && (
        <div className="legend" data-testid="legend-anomaly">
          <div className="legend-title">{t('legend.anomaly')}</div>
          <div className="anomaly-bar" style={{ background: `linear-gradient(to right, ${ANOMALY_STOPS.map(([, c]) => rgbCss(c)).join(', ')})` }} />
          <div className="anomaly-scale">
            <span>−4 K</span>
            <span>0</span>
            <span>+4 K</span>
          </div>
        </div>
      )}
      <div className="layer-item">
        <label className="layer-toggle">
          <input type="checkbox" checked={placesOn} onChange={(e) => onPlaces(e.target.checked)} data-testid="toggle-places" />
          {t('layer.places')}
        </label>
        {placesOn && (
          <div className="legend legend-shapes" data-testid="legend-places">
            <span className="swatch">
              <PlaceShape type="kita" />
              {t('places.kita')}
            </span>
            <span className="swatch">
              <PlaceShape type="school" />
              {t('places.school')}
            </span>
            <span className="swatch">
              <PlaceShape type="playground" />
              {t('places.playground')}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
