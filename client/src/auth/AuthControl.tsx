import { useState } from 'react';
import type { StringKey } from '../i18n/strings.js';
import { useI18n } from '../i18n/i18n.js';
import { logout } from './auth-client.js';
import { LoginForm } from './LoginForm.js';
import { useAuth } from './use-auth.js';
import './auth.css';

/** In the header: who is logged in, with a logout button; or a login button that opens the login dialog. */
export function AuthControl() {
  const auth = useAuth();
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!auth) return null;
  if (auth.user) {
    return (
      <div className="auth-control" data-testid="auth-user" data-role={auth.user.role}>
        <span className="auth-name">
          {auth.user.name} · {t(`auth.role.${auth.user.role}` as StringKey)}
        </span>
        {auth.user.role !== 'wall' && (
          <button type="button" className="auth-button" onClick={() => void logout()} data-testid="logout">
            {t('auth.logout')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="auth-control">
      <button type="button" className="auth-button" onClick={() => setOpen(true)} data-testid="login-open">
        {t('auth.login')}
      </button>
      {open && <LoginForm onCancel={() => setOpen(false)} />}
    </div>
  );
}
