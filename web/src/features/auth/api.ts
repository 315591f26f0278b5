import { api, setCsrfToken } from '../../api/client';

export type Stage = 'totp_enrol' | 'totp' | 'passkey' | 'passkey_enrol' | 'active';

/** `permissions`: what the user may do; screens show only those actions (the server still checks). */
export type User = { id: string; email: string; displayName: string; role: string; permissions: string[] };

export type Session = { user: User; stage: Stage; csrfToken: string };

type StageAnswer = { stage: Stage; csrfToken: string };

export type Enrolment = { otpauthUri: string; qrImage: string; secret: string };

/** Every answer that carries a CSRF token updates the one the client sends. */
function keepToken<T extends { csrfToken: string }>(answer: T): T {
  setCsrfToken(answer.csrfToken);
  return answer;
}

export const authApi = {
  /** Rejects with an ApiError of status 401 when nobody is signed in. */
  session: (): Promise<Session> =>
    api.get<Session>('/api/v1/auth/session', { expectUnauthorized: true }).then(keepToken),

  login: (email: string, password: string): Promise<StageAnswer> =>
    api.post<StageAnswer>('/api/v1/auth/login', { email, password }).then(keepToken),

  startEnrolment: (): Promise<Enrolment> => api.post<Enrolment>('/api/v1/auth/totp/enrol'),

  confirmEnrolment: (code: string): Promise<StageAnswer> =>
    api.post<StageAnswer>('/api/v1/auth/totp/enrol/confirm', { code }).then(keepToken),

  verifyCode: (code: string): Promise<StageAnswer> =>
    api.post<StageAnswer>('/api/v1/auth/totp', { code }).then(keepToken),

  logout: (): Promise<void> =>
    api.post<void>('/api/v1/auth/logout', undefined, { expectUnauthorized: true }).finally(() => {
      setCsrfToken(null);
    }),

  setPassword: (token: string, password: string): Promise<void> =>
    api.post<void>('/api/v1/auth/setup', { token, password }, { expectUnauthorized: true }),
};
