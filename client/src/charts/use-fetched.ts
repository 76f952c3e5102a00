import { useEffect, useState } from 'react';

export interface Fetched<T> {
  data: T | null;
  error: string | null;
}

/**
 * Loads `load()` whenever `key` changes (and again every `refreshMs` when given), keeping the last
 * data while a new one loads so a chart does not blink. Answers for an older key are dropped.
 */
export function useFetched<T>(key: string, load: (signal: AbortSignal) => Promise<T>, refreshMs: number | null): Fetched<T> {
  const [state, setState] = useState<Fetched<T> & { key: string | null }>({ data: null, error: null, key: null });
  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    const run = async () => {
      try {
        const data = await load(controller.signal);
        if (!controller.signal.aborted) setState({ data, error: null, key });
      } catch (err) {
        if (!controller.signal.aborted) setState((s) => ({ ...s, error: (err as Error).message, key }));
      }
      if (refreshMs !== null && !controller.signal.aborted) timer = window.setTimeout(run, refreshMs);
    };
    void run();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [key, refreshMs]); // eslint-disable-line react-hooks/exhaustive-deps
  return { data: state.data, error: state.error };
}
