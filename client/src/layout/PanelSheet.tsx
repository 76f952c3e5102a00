import { useState, type ReactNode } from 'react';
import { usePlannerT } from '../i18n/planner-strings.js';
import './panel-sheet.css';

/**
 * The layer panel and the side panels. On a wide screen this wrapper adds nothing (its box is
 * `display: contents`); on a phone it turns them into a bottom sheet, collapsed to a handle so the
 * map fills the screen, opened by the handle to scroll through layers, alerts and lists.
 */
export function PanelSheet({ children }: { children: ReactNode }) {
  const t = usePlannerT();
  const [open, setOpen] = useState(false);
  return (
    <div className={`panel-sheet${open ? ' open' : ''}`} data-testid="panel-sheet" data-open={open}>
      <button type="button" className="sheet-handle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="sheet-handle" title={open ? t('sheet.close') : t('sheet.open')}>
        <span className="sheet-grip" aria-hidden="true" />
        <span className="sheet-summary">{t('sheet.summary')}</span>
        <span aria-hidden="true">{open ? '▾' : '▴'}</span>
      </button>
      <div className="sheet-body">{children}</div>
    </div>
  );
}
