import { useSyncExternalStore } from 'react';
import type { AuthStatus } from '../../../common/auth.js';
import { authState } from './auth-client.js';

/** The login state; null until GET /api/auth/me has answered. */
export function useAuth(): AuthStatus | null {
  return useSyncExternalStore(authState.subscribe, authState.get);
}
