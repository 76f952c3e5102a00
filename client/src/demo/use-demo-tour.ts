import { useEffect, useState } from 'react';
import { demoResponseSchema, type DemoResponse } from '../../../common/tour.js';

/** Until the recordings are ready (or while the server is away), ask again this often. */
const RETRY_MS = 5_000;

export async function fetchDemo(tour: string, signal?: AbortSignal): Promise<DemoResponse> {
  const res = await fetch(`/api/demo/${encodeURIComponent(tour)}`, { signal });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error((body as { message?: string } | null)?.message ?? `HTTP ${res.status}`);
  return demoResponseSchema.parse(body);
}

export const allReady = (d: DemoResponse) => Object.values(d.recordings).every((r) => r.ready && r.run !== null);

/**
 * The tour and its recordings from the server, asked again every few seconds until every
 * recording is ready; `reloadKey` asks again (the player does at each loop, so a server restart
 * that recorded anew is picked up). A failed request keeps what was loaded before.
 */
export function useDemoTour(tour: string, reloadKey: number): { demo: DemoResponse | null; error: string | null } {
  const [demo, setDemo] = useState<DemoResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = async () => {
      try {
        const d = await fetchDemo(tour, controller.signal);
        setDemo(d);
        setError(null);
        if (!allReady(d)) timer = setTimeout(load, RETRY_MS);
      } catch (err) {
        if (controller.signal.aborted) return;
        setError((err as Error).message);
        timer = setTimeout(load, RETRY_MS);
      }
    };
    void load();
    return () => {
      controller.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [tour, reloadKey]);
  return { demo, error };
}
