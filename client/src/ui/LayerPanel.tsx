import { LOS_CLASSES } from '../../../common/derived.js';
import { UTCI_CATEGORIES } from '../../../common/models/heat.js';
import type { ReactNode } from 'react';
import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import { useI18n } from '../i18n/i18n.js';
import { categoryLabel } from '../i18n/labels.js';
import { CHARGING_COLORS, LOS_COLORS, MOISTURE_STOPS, NO_DATA_COLOR, OCCUPANCY_STOPS, rgbCss, type Rgb } from '../map/colors.js';
import { CHARGING_RIM } from '../map/layers/charging-layers.js';
import { shapeSvgBody, SYMBOL_OUTLINE, type ShapeName } from '../map/layers/shape-icons.js';
import type { LayerVisibility } from '../map/MapView.js';

const LAYER_LABEL = { climate: 'layer.heat', traffic: 'layer.traffic', parking: 'layer.parking', charging: 'layer.charging', tree: 'layer.tree' } as const;
const LOS_RANGE = { A: '> 85 %', B: '> 67 %', C: '> 50 %', D: '> 40 %', E: '> 30 %', F: '≤ 30 %' };

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <span className="swatch">
      <i style={{ background: color }} />
      {label}
    </span>
  );
}

/** A point layer's symbol as the map draws it: its shape, filled, on a rim where the map gives it one. */
function ShapeSwatch({ shape, color, rim, label, testId, wide }: { shape: ShapeName; color: Rgb; rim?: string; label: string; testId?: string; wide?: boolean }) {
  return (
    <span className={wide ? 'swatch swatch-wide' : 'swatch'} data-testid={testId}>
      <svg viewBox="-4 -4 72 72" aria-hidden="true" fill={rgbCss(color)} stroke={rim} strokeWidth={rim ? 8 : 0} paintOrder="stroke" dangerouslySetInnerHTML={{ __html: shapeSvgBody(shape) }} />
      {label}
    </span>
  );
}

/** `streetBayCellM`: the city has SCALE's on-street bays, which the occupancy ramp also colours, as a grid of cells this many metres wide at city zoom. */
function Legend({ kind, streetBayCellM }: { kind: SensorKind; streetBayCellM: number | null }) {
  const { t, lang } = useI18n();
  switch (kind) {
    case 'climate':
      return (
        <div className="legend" data-testid="legend-climate">
          <div className="legend-title">{t('legend.utci')}</div>
          {UTCI_CATEGORIES.filter((c) => c.minC >= 0).map((c) => (
            <Swatch key={c.id} color={rgbCss(c.color)} label={`≥ ${c.minC} ${categoryLabel(c, lang)}`} />
          ))}
        </div>
      );
    case 'traffic':
      return (
        <div className="legend" data-testid="legend-traffic">
          <div className="legend-title">{t('legend.los')}</div>
          {LOS_CLASSES.map((los) => (
            <Swatch key={los} color={rgbCss(LOS_COLORS[los])} label={`${los} ${LOS_RANGE[los]}`} />
          ))}
          <div className="legend-note">▶ {t('legend.direction')}</div>
        </div>
      );
    case 'parking':
      return (
        <div className="legend" data-testid="legend-parking">
          <div className="legend-title">{t('legend.parking')}</div>
          {OCCUPANCY_STOPS.map(([pct, color]) => (
            <Swatch key={pct} color={rgbCss(color)} label={`${pct} %`} />
          ))}
          {streetBayCellM !== null && (
            <div className="legend-note" data-testid="legend-street-bays">
              {t('legend.streetBays').replace('{m}', String(streetBayCellM))}
            </div>
          )}
        </div>
      );
    case 'charging':
      return (
        <div className="legend" data-testid="legend-charging">
          <div className="legend-title">{t('legend.charging')}</div>
          <ShapeSwatch shape="diamond" color={CHARGING_COLORS.someFree} rim={rgbCss(CHARGING_RIM)} label={`≥ 1/3 ${t('charge.available')}`} />
          <ShapeSwatch shape="diamond" color={CHARGING_COLORS.fewFree} rim={rgbCss(CHARGING_RIM)} label={`< 1/3 ${t('charge.available')}`} />
          <ShapeSwatch shape="diamond" color={CHARGING_COLORS.noneFree} rim={rgbCss(CHARGING_RIM)} label={`0 ${t('charge.available')}`} />
          <ShapeSwatch shape="diamond" color={CHARGING_COLORS.broken} rim={rgbCss(CHARGING_RIM)} label={t('charge.out_of_order')} />
          <ShapeSwatch shape="diamondHatched" color={NO_DATA_COLOR} label={t('legend.noCurrentData')} testId="legend-charging-no-data" wide />
        </div>
      );
    case 'tree':
      return (
        <div className="legend" data-testid="legend-tree">
          <div className="legend-title">{t('legend.tree')}</div>
          {MOISTURE_STOPS.map(([pct, color]) => (
            <ShapeSwatch key={pct} shape="tree" color={color} rim={rgbCss(SYMBOL_OUTLINE)} label={`${pct} %`} />
          ))}
          <div className="legend-note">{t('legend.treeShape')}</div>
        </div>
      );
  }
}

export function LayerPanel({ visible, onToggle, wall, streetBayCellM = null, extra }: { visible: LayerVisibility; onToggle: (kind: SensorKind) => void; wall: boolean; streetBayCellM?: number | null; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <aside className="layer-panel">
      {!wall && <div className="panel-title">{t('layers')}</div>}
      {SENSOR_KINDS.map((kind) => (
        <div key={kind} className="layer-item">
          {!wall && (
            <label className="layer-toggle">
              <input type="checkbox" checked={visible[kind]} onChange={() => onToggle(kind)} data-testid={`toggle-${kind}`} />
              {t(LAYER_LABEL[kind])}
            </label>
          )}
          {visible[kind] && <Legend kind={kind} streetBayCellM={streetBayCellM} />}
        </div>
      ))}
      {extra}
    </aside>
  );
}
