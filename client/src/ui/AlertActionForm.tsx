import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { acknowledgeAlert, shelveAlert } from './alert-actions.js';

const SHELVE_CHOICES = [30, 60, 240, 480, 1440];

/** The inline form under an alert or group: acknowledge with an optional comment, or shelve for a time with a reason. */
export function AlertActionForm({ id, mode, onDone }: { id: string; mode: 'ack' | 'shelve'; onDone: () => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const [minutes, setMinutes] = useState(60);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (mode === 'ack') await acknowledgeAlert(id, comment);
      else await shelveAlert(id, minutes, comment);
      onDone();
    } catch (err) {
      setError(`${t('alerts.failed')}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="alert-form"
      data-testid={`alert-${mode}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onClick={(e) => e.stopPropagation()}
    >
      {mode === 'shelve' && (
        <label>
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="alert-shelve-minutes">
            {SHELVE_CHOICES.map((m) => (
              <option key={m} value={m}>
                {m} {t('alerts.shelveMinutes')}
              </option>
            ))}
          </select>
        </label>
      )}
      <input
        type="text"
        maxLength={mode === 'ack' ? 500 : 200}
        required={mode === 'shelve'}
        placeholder={mode === 'ack' ? t('alerts.comment') : t('alerts.shelveReason')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        data-testid="alert-comment"
        autoFocus
      />
      <div className="alert-form-buttons">
        <button type="submit" disabled={busy} data-testid="alert-submit">
          {mode === 'ack' ? t('alerts.ack') : t('alerts.shelve')}
        </button>
        <button type="button" onClick={onDone}>
          {t('alerts.cancel')}
        </button>
      </div>
      {error && <div className="alert-error">{error}</div>}
    </form>
  );
}
