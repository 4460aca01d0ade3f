/**
 * Live data without reloading: load now, then every `intervalMs` while the tab is visible (a hidden tab
 * polls nothing and catches up when shown). Each load aborts the one before it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Polled<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, intervalMs: number | null, deps: unknown[]): Polled<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    setState((s) => ({ ...s, data: null, error: null, loading: true }));
  }, deps);

  useEffect(() => {
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const run = async (): Promise<void> => {
      clearTimeout(timer);
      controller?.abort();
      const own = new AbortController();
      controller = own;
      try {
        const data = await loadRef.current(own.signal);
        if (!own.signal.aborted) setState({ data, error: null, loading: false });
      } catch (error) {
        if (!own.signal.aborted) setState((s) => ({ data: s.data, error, loading: false }));
      }
      if (!stopped && intervalMs !== null && !own.signal.aborted) timer = setTimeout(() => void schedule(), intervalMs);
    };
    const schedule = async (): Promise<void> => {
      if (document.visibilityState === 'visible') await run();
    };
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void run();
    };
    void run();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [...deps, intervalMs, tick]);

  return { ...state, reload: () => setTick((t) => t + 1) };
}
