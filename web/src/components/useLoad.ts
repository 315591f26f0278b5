import { useCallback, useEffect, useRef, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { isAbort } from '../api/client';
import { errorText } from './errors';

export type Loaded<T> = {
  /** Null until the first answer. */
  data: T | null;
  setData: Dispatch<SetStateAction<T | null>>;
  /** What went wrong, in words for the person at the screen. */
  error: string | null;
  setError: Dispatch<SetStateAction<string | null>>;
  /** Loads again after a change the page made, keeping what is shown until the answer comes. */
  reload: () => Promise<void>;
};

/**
 * Loads what a page shows when it opens and again when `deps` change; a load still under way when the
 * page leaves or asks again is aborted, so a late answer never overwrites a newer one.
 * `known`: the page's own words for error codes it expects (see errorText).
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  known: Readonly<Record<string, string>> = {},
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<{ controller: AbortController; run: (clear: boolean) => Promise<void> } | null>(null);
  useEffect(() => {
    const run = async (clear: boolean): Promise<void> => {
      current.current?.controller.abort();
      const controller = new AbortController();
      current.current = { controller, run };
      if (clear) setData(null);
      if (clear) setError(null);
      try {
        const value = await load(controller.signal);
        setData(() => value);
        setError(null);
      } catch (err) {
        if (!isAbort(err)) setError(errorText(err, known));
      }
    };
    void run(true);
    return () => current.current?.controller.abort();
    // The caller lists what the load depends on, as for useEffect.
  }, deps);
  const reload = useCallback(async (): Promise<void> => {
    await current.current?.run(false);
  }, []);
  return { data, setData, error, setError, reload };
}
