import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../../api/client';
import { errorText } from '../../components/errors';

/** Loads a list on mount and on `reload()`; a failure becomes a sentence for the screen. */
export function useList<T>(load: (signal?: AbortSignal) => Promise<T[]>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async (signal?: AbortSignal): Promise<void> => {
    try {
      setItems(await load(signal));
      setError(null);
    } catch (err) {
      if (!isAbort(err)) setError(errorText(err));
    }
  }, [load]);
  useEffect(() => {
    const controller = new AbortController();
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);
  return { items, error, reload };
}
