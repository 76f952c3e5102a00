import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { login } from './auth-client.js';
import { useAuth } from './use-auth.js';
import './auth.css';

/**
 * The login page: a full page when reading needs a login (PUBLIC_READ=off), else a dialog over the
 * map opened from the header. Escape or Cancel closes the dialog. With single sign-on configured it
 * offers the city account first.
 */
export function LoginForm({ onCancel }: { onCancel?: () => void }) {
  const { t } = useI18n();
  const sso = useAuth()?.oidc === true;
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await login(name.trim(), password);
      if (result.ok) return onCancel?.();
      setPassword('');
      if (result.reason === 'wrong') setError(t('auth.wrong'));
      else if (result.reason === 'too_many') setError(t('auth.tooMany').replace('{n}', String(result.retryAfterS ?? '')));
      else setError(`${t('auth.failed')}: ${result.detail ?? ''}`);
    } catch (err) {
      setError(`${t('auth.failed')}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={onCancel ? 'login-overlay' : 'login-page'} onKeyDown={(e) => e.key === 'Escape' && onCancel?.()}>
      <form className="login-form" onSubmit={submit} data-testid="login-form">
        <h2>{t('auth.title')}</h2>
        <p>{t('auth.intro')}</p>
        {sso && (
          <>
            {/* a page navigation, not fetch: the city's sign-in service takes over the window and sends it back */}
            <a className="login-sso" href="/api/auth/oidc/login" data-testid="login-sso">
              {t('auth.sso')}
            </a>
            <p>{t('auth.orPassword')}</p>
          </>
        )}
        <label>
          {t('auth.user')}
          <input name="username" autoComplete="username" autoFocus required value={name} onChange={(e) => setName(e.target.value)} data-testid="login-name" />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </label>
        {error && (
          <div className="login-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <div className="login-buttons">
          <button type="submit" disabled={busy} data-testid="login-submit">
            {t('auth.submit')}
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('auth.cancel')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
