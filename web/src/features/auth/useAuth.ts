import { useCallback, useEffect, useState } from 'react';
import { ApiError, onSessionEnded, setCsrfToken } from '../../api/client';
import type { NoticeMessage } from '../../components/Notice';
import { authApi, type Stage, type User } from './api';
import { forgetLocalCopies } from './forgetLocalCopies';

/** Why nobody is signed in: it matters for the notice shown and whether to return afterwards. */
export type SignedOutReason = 'none' | 'signedOut' | 'sessionEnded' | 'unreachable';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signedOut'; reason: SignedOutReason }
  | { status: 'pending'; stage: Exclude<Stage, 'active'> }
  | { status: 'active'; user: User };

export const SIGNED_OUT_NOTICES: Readonly<Record<SignedOutReason, NoticeMessage | null>> = {
  none: null,
  signedOut: { type: 'success', text: 'You have signed out.' },
  sessionEnded: { type: 'info', text: 'Your session ended; please sign in again.' },
  unreachable: {
    type: 'warning',
    text: 'Beacon could not check whether you are signed in, as the server did not answer. You can still try to sign in.',
  },
};

export type Auth = {
  state: AuthState;
  /** Moves on after a sign-in step; `active` fetches the user. */
  advance: (stage: Stage) => Promise<void>;
  signOut: () => Promise<void>;
};

/** The signed-in state of the app: checked on load, advanced by sign-in steps, ended by 401s. */
export function useAuth(): Auth {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const session = await authApi.session();
      setState(
        session.stage === 'active' ? { status: 'active', user: session.user } : { status: 'pending', stage: session.stage },
      );
    } catch (error) {
      setCsrfToken(null);
      const unreachable = !(error instanceof ApiError && error.status === 401);
      if (!unreachable) forgetLocalCopies();
      setState({ status: 'signedOut', reason: unreachable ? 'unreachable' : 'none' });
    }
  }, []);

  useEffect(() => {
    void refresh();
    onSessionEnded(() => {
      setCsrfToken(null);
      forgetLocalCopies();
      setState((prev) => (prev.status === 'signedOut' ? prev : { status: 'signedOut', reason: 'sessionEnded' }));
    });
    return () => onSessionEnded(null);
  }, [refresh]);

  const advance = useCallback(
    async (stage: Stage): Promise<void> => {
      if (stage === 'active') await refresh();
      else setState({ status: 'pending', stage });
    },
    [refresh],
  );

  const signOut = useCallback(async (): Promise<void> => {
    try {
      await authApi.logout();
    } catch {
      // Signed out on this screen either way; the server session ends when it expires.
    }
    forgetLocalCopies();
    setState({ status: 'signedOut', reason: 'signedOut' });
  }, []);

  return { state, advance, signOut };
}
