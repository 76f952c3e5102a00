import { useChargingT } from './charging-strings.js';
import './charging-button.css';

/**
 * The way into the e-mobility panel: a row at the top of the side panels (in the bottom sheet on a
 * phone) while the charging layer is on. Kept out of the panel's chunk so the first load stays small.
 */
export function ChargingPanelButton({ open, onOpen }: { open: boolean; onOpen: () => void }) {
  const t = useChargingT();
  return (
    <button type="button" className={`emob-open${open ? ' active' : ''}`} onClick={onOpen} aria-pressed={open} title={t('emob.openHint')} data-testid="emob-open">
      <span className="emob-open-icon" aria-hidden="true">◆</span>
      <span className="emob-open-label">{t('emob.open')}</span>
      <span className="emob-open-hint">{t('emob.openHint')}</span>
    </button>
  );
}
