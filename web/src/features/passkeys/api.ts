import {
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api, setCsrfToken } from '../../api/client';
import type { PasskeyAdded, PasskeyListing, SecondFactors, StageAnswer } from '../../api/types';

export type { Passkey, PasskeyListing } from '../../api/types';

export const passkeysApi = {
  list: (signal?: AbortSignal): Promise<PasskeyListing> =>
    api.get<PasskeyListing>('/api/v1/passkeys', signal === undefined ? {} : { signal }),

  /** Asks the browser to create a passkey and registers it; may also finish an admin's sign-in. */
  add: async (name: string): Promise<PasskeyAdded> => {
    const { optionsJSON } = await api.post<{ optionsJSON: PublicKeyCredentialCreationOptionsJSON }>('/api/v1/passkeys/options');
    const response = await startRegistration({ optionsJSON });
    const answer = await api.post<PasskeyAdded>('/api/v1/passkeys', { name, response });
    setCsrfToken(answer.csrfToken);
    return answer;
  },

  remove: (id: string): Promise<void> => api.delete<void>(`/api/v1/passkeys/${encodeURIComponent(id)}`),

  /** Which second factors may finish the sign-in under way. */
  factors: (): Promise<SecondFactors> => api.get<SecondFactors>('/api/v1/auth/second-factors', { expectUnauthorized: true }),

  /** Asks the browser for one of the account's passkeys and finishes signing in with it. */
  signIn: async (): Promise<StageAnswer> => {
    const { optionsJSON } = await api.post<{ optionsJSON: PublicKeyCredentialRequestOptionsJSON }>(
      '/api/v1/auth/passkey/options',
    );
    const response = await startAuthentication({ optionsJSON });
    const answer = await api.post<StageAnswer>('/api/v1/auth/passkey', response);
    setCsrfToken(answer.csrfToken);
    return answer;
  },
};

/** The browser's refusals (cancelled, timed out, not allowed) in words for the person at the screen. */
export function passkeyErrorText(error: unknown, fallback: (error: unknown) => string): string {
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    return 'The passkey request was cancelled or timed out. Try again when you are ready.';
  }
  if (error instanceof Error && error.name === 'InvalidStateError') {
    return 'This device already holds a passkey for your account.';
  }
  return fallback(error);
}
