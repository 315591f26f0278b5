import { useEffect, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { isAbort } from '../api/client';
import { errorText } from './errors';

export type Loaded<T> = {
  /** Null until the first answer. */
  data: T | null;
  setData: Dispatch<SetStateAction<T | null>>;
  /** What went wrong, in words for the person at the screen. */
  error: string | null;
  setError: Dispatch<SetStateAction<string | null>>;
};

/**
 * Loads what a page shows when it opens and again when `deps` change; a load still under way when the
 * page leaves or asks again is aborted, so a late answer never overwrites a newer one.
 * `known`: the page's own words for error codes it expects (see errorText).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, known: Readonly<Record<string, string>> = {}): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    setError(null);
    load(controller.signal).then(
      (value) => setData(() => value),
      (err: unknown) => {
        if (!isAbort(err)) setError(errorText(err, known));
      },
    );
    return () => controller.abort();
    // The caller lists what the load depends on, as for useEffect.
  }, deps);
  return { data, setData, error, setError };
}
