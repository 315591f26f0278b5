import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { hotlineApi, type CallDetails, type Draft, type DraftReport } from './api';

/** Quiet time after the last keystroke before saving. */
export const DEBOUNCE_MS = 1_500;
/** While typing goes on, save at least this often. */
export const MAX_WAIT_MS = 5_000;
const RETRY_MS = 5_000;

export type Content = { report: DraftReport; call: CallDetails & { ended: boolean } };

export type SaveState =
  | { kind: 'clean'; savedAt: Date | null }
  | { kind: 'saved'; savedAt: Date }
  /** Unsaved changes; they are already kept in this browser tab. */
  | { kind: 'unsaved'; savedAt: Date | null; restored: boolean }
  | { kind: 'retrying'; savedAt: Date | null }
  /** Changed in another window: saving here would overwrite it. */
  | { kind: 'stale' }
  | { kind: 'closed' }
  | { kind: 'rejected'; message: string };

type LocalCopy = { baseVersion: number; content: Content; dirty: boolean };

const storageKey = (id: string): string => `beacon.hotline.draft.${id}`;

function readLocal(id: string): LocalCopy | null {
  try {
    const text = window.sessionStorage.getItem(storageKey(id));
    return text === null ? null : (JSON.parse(text) as LocalCopy);
  } catch {
    return null;
  }
}

function writeLocal(id: string, copy: LocalCopy): void {
  try {
    window.sessionStorage.setItem(storageKey(id), JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy is still saved every few seconds.
  }
}

export function clearLocal(id: string): void {
  try {
    window.sessionStorage.removeItem(storageKey(id));
  } catch {
    // nothing to clear
  }
}

function contentOf(draft: Draft): Content {
  const { language, callerType, callbackConsent } = draft.call;
  // The server stored only a caller type it accepts, so the one it answers is one it takes back.
  return {
    report: draft.report,
    call: { language, callerType: callerType as CallDetails['callerType'], callbackConsent, ended: draft.call.endedAt !== null },
  };
}

/**
 * Keeps a draft saved while the operator types: a copy in sessionStorage on every change (a
 * browser crash loses nothing that reached it) and a save to the server after 1.5 s of quiet, or
 * every 5 s while typing goes on. Saves carry the version last confirmed; one save runs at a time.
 */
export function useAutosave(draft: Draft) {
  const id = draft.id;
  const [initial] = useState(() => {
    const local = readLocal(id);
    const restored = local !== null && local.dirty && local.baseVersion === draft.version;
    return { content: restored ? local.content : contentOf(draft), restored };
  });
  const [content, setContent] = useState<Content>(initial.content);
  const [state, setState] = useState<SaveState>(
    initial.restored ? { kind: 'unsaved', savedAt: null, restored: true } : { kind: 'clean', savedAt: null },
  );

  const version = useRef(draft.version);
  const latest = useRef(initial.content);
  const changeSeq = useRef(initial.restored ? 1 : 0);
  const savedSeq = useRef(0);
  const firstUnsavedAt = useRef<number | null>(initial.restored ? 0 : null);
  const timer = useRef<number | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const stopped = useRef(false);
  const lastSavedAt = useRef<Date | null>(null);

  const dirty = (): boolean => changeSeq.current > savedSeq.current;

  const clearTimer = (): void => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const saveNow = useCallback(async (): Promise<void> => {
    clearTimer();
    if (stopped.current || !dirty()) return;
    const seq = changeSeq.current;
    const { report, call } = latest.current;
    try {
      const saved = await hotlineApi.save(id, { version: version.current, report, call });
      version.current = saved.version;
      savedSeq.current = Math.max(savedSeq.current, seq);
      lastSavedAt.current = new Date();
      writeLocal(id, { baseVersion: saved.version, content: latest.current, dirty: dirty() });
      firstUnsavedAt.current = dirty() ? Date.now() : null;
      setState(
        dirty()
          ? { kind: 'unsaved', savedAt: lastSavedAt.current, restored: false }
          : { kind: 'saved', savedAt: lastSavedAt.current },
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        stopped.current = true;
        setState({ kind: error.code === 'stale_version' ? 'stale' : 'closed' });
      } else if (error instanceof ApiError && error.status === 400) {
        stopped.current = true;
        setState({
          kind: 'rejected',
          message: error.fieldErrors.map((e) => `${e.path} ${e.message}`).join('; ') || error.message,
        });
      } else if (error instanceof ApiError && error.status === 401) {
        // The session ended: the app forgets this tab's copy (a shared workstation) and asks for
        // sign-in; what reached the server, saved every few seconds, is still in the draft.
        stopped.current = true;
      } else {
        setState({ kind: 'retrying', savedAt: lastSavedAt.current });
        timer.current = window.setTimeout(() => void run(), RETRY_MS);
      }
    }
  }, [id]);

  /** Runs a save unless one is running, in which case another follows it. */
  const run = useCallback((): Promise<void> => {
    if (inFlight.current !== null) {
      return inFlight.current.then(() => run());
    }
    const p = saveNow().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = p;
    return p;
  }, [saveNow]);

  const schedule = useCallback((): void => {
    clearTimer();
    const first = firstUnsavedAt.current ?? Date.now();
    const delay = Math.min(DEBOUNCE_MS, Math.max(0, first + MAX_WAIT_MS - Date.now()));
    timer.current = window.setTimeout(() => void run(), delay);
  }, [run]);

  const update = useCallback(
    (change: (c: Content) => Content): void => {
      if (stopped.current) return;
      const next = change(latest.current);
      latest.current = next;
      changeSeq.current += 1;
      firstUnsavedAt.current ??= Date.now();
      writeLocal(id, { baseVersion: version.current, content: next, dirty: true });
      setContent(next);
      setState((s) => ({ kind: 'unsaved', savedAt: 'savedAt' in s ? s.savedAt : null, restored: false }));
      schedule();
    },
    [id, schedule],
  );

  /** Saves whatever is pending now; true when the server has everything. */
  const flush = useCallback(async (): Promise<boolean> => {
    while (dirty() && !stopped.current) {
      await run();
      if (dirty() && timer.current !== null) return false;
    }
    if (inFlight.current !== null) await inFlight.current;
    return !dirty();
  }, [run]);

  useEffect(() => {
    if (initial.restored) schedule();
    return () => {
      clearTimer();
    };
  }, [initial.restored, schedule]);

  return { content, update, state, flush };
}
