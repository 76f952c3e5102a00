import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { refreshAuth } from './auth-client.js';
import { LoginForm } from './LoginForm.js';
import { useAuth } from './use-auth.js';

/**
 * Asks the server who the browser is before the app starts. When reading needs a login
 * (PUBLIC_READ=off) and nobody is logged in, the login page stands in for the whole app.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    // Retried like the city model: a wall display started before the server still comes up.
    const load = () =>
      refreshAuth().then(
        () => !cancelled && setError(null),
        (err: Error) => {
          if (cancelled) return;
          setError(err.message);
          window.setTimeout(load, 5000);
        },
      );
    void load();
    return () => {
      cancelled = true;
    };
  }, []);
  if (!auth) return <div className="loading">{error ? `${t('status.offline')}: ${error}` : t('status.connecting')}</div>;
  if (!auth.publicRead && !auth.user) return <LoginForm />;
  return <>{children}</>;
}
