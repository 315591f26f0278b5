import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { cookieFrom } from './staff.ts';

/** The public learner pages take plain HTML form posts. */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;

export type LearnerFields = Record<'name' | 'email' | 'organisation' | 'role' | 'state' | 'password', string>;

/** Posts the public registration form; the caller checks the answer, the learner cookie is taken when one is set. */
export async function registerLearner(
  app: FastifyInstance,
  fields: LearnerFields,
): Promise<{ res: LightMyRequestResponse; cookie: string | undefined }> {
  const res = await app.inject({
    method: 'POST',
    url: '/learn/account/register',
    headers: FORM,
    payload: new URLSearchParams(fields).toString(),
  });
  return { res, cookie: res.headers['set-cookie'] === undefined ? undefined : cookieFrom(res) };
}

/** Posts the public sign-in form, as a learner's browser does. */
export async function signInLearner(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<{ res: LightMyRequestResponse; cookie: string | undefined }> {
  const res = await app.inject({
    method: 'POST',
    url: '/learn/account/sign-in',
    headers: FORM,
    payload: new URLSearchParams({ email, password }).toString(),
  });
  return { res, cookie: res.headers['set-cookie'] === undefined ? undefined : cookieFrom(res) };
}
