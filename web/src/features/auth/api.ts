import { api, setCsrfToken } from '../../api/client';
import type { Enrolment, Session, StageAnswer } from '../../api/types';

/** `User.permissions`: what the user may do; screens show only those actions (the server still checks). */
export type { Enrolment, Session, Stage, StageAnswer, User } from '../../api/types';

/** Every answer that carries a CSRF token updates the one the client sends. */
function keepToken<T extends { csrfToken: string }>(answer: T): T {
  setCsrfToken(answer.csrfToken);
  return answer;
}

export const authApi = {
  /** Rejects with an ApiError of status 401 when nobody is signed in. */
  session: (): Promise<Session> => api.get<Session>('/api/v1/auth/session', { expectUnauthorized: true }).then(keepToken),

  login: (email: string, password: string): Promise<StageAnswer> =>
    api.post<StageAnswer>('/api/v1/auth/login', { email, password }).then(keepToken),

  startEnrolment: (): Promise<Enrolment> => api.post<Enrolment>('/api/v1/auth/totp/enrol'),

  confirmEnrolment: (code: string): Promise<StageAnswer> =>
    api.post<StageAnswer>('/api/v1/auth/totp/enrol/confirm', { code }).then(keepToken),

  verifyCode: (code: string): Promise<StageAnswer> => api.post<StageAnswer>('/api/v1/auth/totp', { code }).then(keepToken),

  logout: (): Promise<void> =>
    api.post<void>('/api/v1/auth/logout', undefined, { expectUnauthorized: true }).finally(() => {
      setCsrfToken(null);
    }),

  setPassword: (token: string, password: string): Promise<void> =>
    api.post<void>('/api/v1/auth/setup', { token, password }, { expectUnauthorized: true }),
};
