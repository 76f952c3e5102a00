import { useContext } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { WallColumnContext } from './wall-column.js';

/**
 * "+ N more" under a list panel whose rows were over its cap (`overCap`). In the wall's column the line is written
 * by useWallColumn, which adds the rows that did not fit; React then leaves it without children.
 */
export function MoreRows({ overCap, testId }: { overCap: number; testId: string }) {
  const { t } = useI18n();
  const fitted = useContext(WallColumnContext);
  if (fitted) return <div className="wall-more" data-testid={testId} data-over-cap={overCap} data-word={t('alerts.more')} />;
  if (overCap <= 0) return null;
  return (
    <div className="wall-more" data-testid={testId}>
      + {overCap} {t('alerts.more')}
    </div>
  );
}
