import { alertListSchema, type Alert } from '../../../common/protocol.js';
import { apiFetch } from '../auth/auth-client.js';

/** Acknowledge / shelve an alert or a whole group (`id` is either); the server audits it and streams the new list. */
export async function acknowledgeAlert(id: string, comment: string): Promise<Alert[]> {
  return post(`/api/alerts/${encodeURIComponent(id)}/ack`, comment.trim() ? { comment: comment.trim() } : {});
}

export async function shelveAlert(id: string, minutes: number, reason: string): Promise<Alert[]> {
  return post(`/api/alerts/${encodeURIComponent(id)}/shelve`, { minutes, reason: reason.trim() });
}

/** Past alerts (state cleared) of the last day, from the store. */
export async function fetchClearedAlerts(kind: string | null): Promise<Alert[]> {
  const res = await fetch(`/api/alerts?state=cleared${kind ? `&kind=${kind}` : ''}`);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return alertListSchema.parse(await res.json()).alerts;
}

async function post(url: string, body: unknown): Promise<Alert[]> {
  const res = await apiFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    const detail = ((await res.json().catch(() => ({}))) as { message?: string; detail?: string; error?: string });
    throw new Error(detail.message ?? detail.detail ?? detail.error ?? `HTTP ${res.status}`);
  }
  return alertListSchema.parse(await res.json()).alerts;
}
