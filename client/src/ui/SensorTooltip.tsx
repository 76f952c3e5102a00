import { localName } from '../i18n/place-names.js';
import type { ReactNode } from 'react';
import { utciCategory } from '../../../common/models/heat.js';
import { isStale } from '../../../common/freshness.js';
import type { LiveEntry, NightFigure } from '../../../common/protocol.js';
import type { SensorProperties } from '../../../common/sensors.js';
import { useI18n, type I18n } from '../i18n/i18n.js';
import { categoryLabel } from '../i18n/labels.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { useShownCity } from '../time/use-shown.js';
import type { Hover } from '../map/MapView.js';
import { treeSpecies } from '../i18n/tree-species.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tt-row">
      <span className="tt-label">{label}</span>
      <span className="tt-value">{children}</span>
    </div>
  );
}

function rows(entry: LiveEntry, meta: SensorProperties, i: I18n, night: NightFigure | undefined): ReactNode {
  const { t, num, lang } = i;
  const { reading, derived } = entry;
  if (reading.kind === 'traffic' && derived.kind === 'traffic') {
    return (
      <>
        {meta.kind === 'traffic' && <Row label={t('tooltip.street')}>{meta.street}</Row>}
        <Row label={t('tooltip.flow')}>{num(reading.values.flowVehH)} {t('unit.vehH')}</Row>
        <Row label={t('tooltip.speed')}>{num(reading.values.speedKmh)} {t('unit.kmh')}</Row>
        <Row label={t('tooltip.occupancy')}>{num(reading.values.occupancyPct, 1)} %</Row>
        <Row label={t('tooltip.vc')}>{num(derived.volumeCapacityRatio, 2)}</Row>
        <Row label={t('tooltip.los')}>{derived.los}</Row>
        <Row label={t('tooltip.tti')}>{num(derived.travelTimeIndex, 2)}</Row>
      </>
    );
  }
  if (reading.kind === 'climate' && derived.kind === 'climate') {
    const v = reading.values;
    return (
      <>
        <Row label={t('tooltip.utci')}>
          {derived.utciC === null ? '–' : `${num(derived.utciC, 1)} °C · ${categoryLabel(utciCategory(derived.utciC), lang)}`}
        </Row>
        <Row label={t('tooltip.airTemp')}>{num(v.airTempC, 1)} °C</Row>
        <Row label={t('tooltip.humidity')}>{num(v.relHumidityPct)} %</Row>
        <Row label={t('tooltip.wind')}>{num(v.windKmh, 1)} km/h</Row>
        <Row label={t('tooltip.solar')}>{num(v.solarWm2)} W/m²</Row>
        <Row label={t('tooltip.tmrt')}>{num(derived.tmrtC, 1)} °C</Row>
        <Row label={t('tooltip.heatIndex')}>{num(derived.heatIndexC, 1)} °C</Row>
        {night && (
          <Row label={t(night.complete ? 'tooltip.lastNight' : 'tooltip.nightSoFar')}>
            {t('tooltip.min')} {num(night.minTempC, 1)} °C{night.tropical ? ` · ${t('tooltip.tropicalNight')}` : ''}
          </Row>
        )}
      </>
    );
  }
  if (reading.kind === 'parking' && derived.kind === 'parking') {
    return (
      <>
        <Row label={t('tooltip.free')}>
          {num(reading.values.freeSpaces)} / {num(derived.capacity)} {t('tooltip.capacity')}
        </Row>
        <Row label={t('tooltip.occupancy')}>{num(derived.occupancyPct)} %</Row>
        <Row label="">{reading.values.open ? t('tooltip.open') : t('tooltip.closed')}</Row>
      </>
    );
  }
  if (reading.kind === 'tree') {
    return (
      <>
        <Row label={t('tree.moisture')}>{num(reading.values.soilMoisturePct)} %</Row>
        <Row label={t('tree.sensorTemp')}>{num(reading.values.sensorTempC, 1)} °C</Row>
        {reading.values.batteryV !== undefined && <Row label={t('tree.battery')}>{num(reading.values.batteryV, 2)} V</Row>}
      </>
    );
  }
  if (reading.kind === 'charging' && derived.kind === 'charging' && meta.kind === 'charging') {
    return (
      <>
        <Row label={t('tooltip.power')}>{num(derived.powerKw, 1)} kW</Row>
        <div className="tt-points">
          {reading.values.points.map((p) => {
            const spec = meta.points.find((q) => q.id === p.id);
            return (
              <div key={p.id} className={`tt-point cp-${p.status}`}>
                <span className="cp-dot" />
                #{p.id.split('-').pop()} {spec ? `(${spec.connector} ${spec.maxPowerKw} kW)` : ''}: {t(`charge.${p.status}`)}
                {p.powerKw > 0 ? ` · ${num(p.powerKw, 1)} kW` : ''}
              </div>
            );
          })}
        </div>
      </>
    );
  }
  return null;
}

export function SensorTooltip({ hover, shown, sensors }: { hover: Hover | null; shown: DisplayedCity; sensors: ReadonlyMap<string, SensorProperties> }) {
  const view = useShownCity(shown);
  const i18n = useI18n();
  if (!hover) return null;
  const meta = sensors.get(hover.sensorId);
  if (!meta) return null;
  const entry = view.entries.get(hover.sensorId);
  const { t, time } = i18n;
  const cityNow = view.cityNow();
  const stale = entry !== undefined && cityNow !== null && isStale(entry.reading, cityNow);
  return (
    <div className="tooltip" style={{ left: hover.x + 16, top: hover.y + 16 }} data-testid="tooltip">
      <div className="tt-title">{localName(meta.name, i18n.lang)}</div>
      <div className="tt-sub">
        {t('tooltip.district')} {meta.district}
        {meta.synthetic && ` · ${t('tooltip.synthetic')}`}
        {meta.kind === 'traffic' && meta.approximate && ` · ${t('tooltip.approximate')}`}
        {meta.kind === 'tree' && ` · ${treeSpecies(meta.species, t)}`}
      </div>
      {entry ? rows(entry, meta, i18n, view.nights.get(hover.sensorId)) : <div>{t('tooltip.noReading')}</div>}
      {(!entry || stale) && meta.kind === 'climate' && meta.noDataReason && <div className="tt-no-data">{meta.noDataReason[i18n.lang]}</div>}
      {(!entry || stale) && meta.kind === 'tree' && <div className="tt-no-data">{t('tree.noData')}</div>}
      <div className="tt-hint">{t(meta.kind === 'traffic' ? 'tooltip.clickToControl' : 'tooltip.clickForHistory')}</div>
      {entry && (
        <div className={stale ? 'tt-time tt-stale' : 'tt-time'}>
          {t('tooltip.measured')} {time(entry.reading.ts, true)}
          {stale && ` · ${t('tooltip.stale')}`}
        </div>
      )}
    </div>
  );
}
