import { useState } from 'react';
import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';
import { useI18n } from '../i18n/i18n.js';
import type { MapHandle } from '../map/MapView.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import type { TimeRange } from '../time/timeline.js';
import { useParts } from '../live/use-parts.js';
import { downloadExport, exportFileName, exportUrl, saveBlob, type ExportFormat } from './export-urls.js';

const KIND_LABEL = { climate: 'layer.heat', traffic: 'layer.traffic', parking: 'layer.parking', charging: 'layer.charging', tree: 'layer.tree' } as const;

/**
 * Export of what is on screen: the data of one kind over the timeline's visible range (CSV) or at the
 * displayed instant (GeoJSON), and the map as a PNG.
 */
export function ExportBar({ range, shown, kind: preferredKind, map }: { range: TimeRange; shown: DisplayedCity; kind: SensorKind; map: MapHandle | null }) {
  useParts(shown, () => [shown.wantedAt()]);
  const { t } = useI18n();
  const at = shown.wantedAt();
  const [kind, setKind] = useState<SensorKind | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = kind ?? preferredKind;
  const to = at ?? range.to;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(`${t('export.failed')}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const data = (format: ExportFormat) =>
    run(() => downloadExport(exportUrl(chosen, format, range.from, to), exportFileName(chosen, format === 'csv' ? range.from : null, to, format === 'csv' ? 'csv' : 'geojson')));
  const png = () =>
    run(async () => {
      if (!map) throw new Error('map not ready');
      saveBlob(await map.toPng(), exportFileName('map', null, to, 'png'));
    });

  return (
    <div className="export-bar" title={t('export.hint')}>
      <select value={chosen} onChange={(e) => setKind(e.target.value as SensorKind)} aria-label={t('export.data')} data-testid="export-kind">
        {SENSOR_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(KIND_LABEL[k])}
          </option>
        ))}
      </select>
      <button type="button" disabled={busy} onClick={() => data('csv')} data-testid="export-csv">
        CSV
      </button>
      <button type="button" disabled={busy} onClick={() => data('geojson')} data-testid="export-geojson">
        GeoJSON
      </button>
      <button type="button" disabled={busy || !map} onClick={png} data-testid="export-png" title={t('export.png')}>
        PNG
      </button>
      {error && (
        <span className="export-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
