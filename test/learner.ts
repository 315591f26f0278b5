import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { cookieFrom } from './staff.ts';

/** The public learner pages take plain HTML form posts. */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' } as const;

export type LearnerFields = Record<'name' | 'email' | 'organisation' | 'role' | 'state' | 'password', string>;
type Posted = { res: LightMyRequestResponse; cookie: string | undefined };

/** Posts a learner form as a browser does; the caller checks the answer, the learner cookie is taken when one is set. */
async function postForm(app: FastifyInstance, url: string, fields: Record<string, string>): Promise<Posted> {
  const res = await app.inject({ method: 'POST', url, headers: FORM, payload: new URLSearchParams(fields).toString() });
  return { res, cookie: res.headers['set-cookie'] === undefined ? undefined : cookieFrom(res) };
}

export const registerLearner = (app: FastifyInstance, fields: LearnerFields): Promise<Posted> =>
  postForm(app, '/learn/account/register', fields);

export const signInLearner = (app: FastifyInstance, email: string, password: string): Promise<Posted> =>
  postForm(app, '/learn/account/sign-in', { email, password });
