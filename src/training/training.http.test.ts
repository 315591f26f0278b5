import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn } from '../../test/staff.ts';
import type { Keyring } from '../security/index.ts';
import { issueCertificate, revokeCertificate } from './certificates.repo.ts';
import { loadCourses } from './course.content.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;

beforeAll(async () => {
  t = await createTestDatabase();
  ({ app, keyring } = await testApp(t));
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const course = loadCourses().get('recognise-respond')!;
const base = '/learn/courses/recognise-respond/education';

describe('public training pages', () => {
  it('lists the paths and walks through the modules in Spanish without an account', async () => {
    const list = await app.inject({ url: '/learn/courses?lang=es' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<html lang="es">');
    expect(list.body).toContain(`href="${base}?lang=es"`);
    for (const m of course.es.modules) {
      const page = await app.inject({ url: `${base}/modules/${m.slug}?lang=es` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(m.sources[0]!.url);
    }
  });

  it('answers 404 for a course, path or module that does not exist', async () => {
    for (const url of ['/learn/courses/nope/education', '/learn/courses/recognise-respond/nope', `${base}/modules/nope`]) {
      expect((await app.inject({ url })).statusCode).toBe(404);
    }
  });

  it('explains the chosen option of a case, and asks again when none was chosen', async () => {
    const good = course.en.scenarios.education.choices.find((c) => c.good)!;
    const answered = await app.inject({ method: 'POST', url: `${base}/case`, headers: form, payload: `choice=${good.id}` });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('A good choice');
    const missing = await app.inject({ method: 'POST', url: `${base}/case`, headers: form, payload: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose one answer to see what happens.');
  });

  it('grades a drawn quiz with an explanation for every answer, and refuses a forged one', async () => {
    const quiz = await app.inject({ url: `${base}/quiz?lang=es` });
    const ids = [...quiz.body.matchAll(/name="q" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(course.es.quiz.draw);
    const body = new URLSearchParams(ids.map((id): [string, string] => ['q', id]));
    for (const id of ids)
      body.append(`a_${id}`, course.es.quiz.questions.find((q) => q.id === id)!.choices.find((c) => c.correct)!.id);
    const result = await app.inject({ method: 'POST', url: `${base}/quiz?lang=es`, headers: form, payload: body.toString() });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(`Ha aprobado: ${ids.length} de ${ids.length} correctas.`);
    for (const id of ids)
      for (const c of course.es.quiz.questions.find((q) => q.id === id)!.choices) expect(result.body).toContain(c.why);
    const forged = await app.inject({ method: 'POST', url: `${base}/quiz`, headers: form, payload: 'q=value&q=value' });
    expect(forged.statusCode).toBe(400);
  });
});

async function passQuiz(lang: 'en' | 'es'): Promise<string> {
  const quiz = await app.inject({ url: `${base}/quiz?lang=${lang}` });
  const ids = [...quiz.body.matchAll(/name="q" value="([^"]+)"/g)].map((m) => m[1]!);
  const body = new URLSearchParams(ids.map((id): [string, string] => ['q', id]));
  for (const id of ids)
    body.append(`a_${id}`, course[lang].quiz.questions.find((q) => q.id === id)!.choices.find((c) => c.correct)!.id);
  const result = await app.inject({ method: 'POST', url: `${base}/quiz?lang=${lang}`, headers: form, payload: body.toString() });
  return /name="pass" value="([^"]+)"/.exec(result.body)![1]!;
}

describe('certificates', () => {
  it('issues a certificate to a passed learner, verifiable by its code, its PDF and its signed credential', async () => {
    const pass = await passQuiz('en');
    const claimed = await app.inject({
      method: 'POST',
      url: `${base}/certificate`,
      headers: form,
      payload: new URLSearchParams({ pass, name: 'Dana Teacher' }).toString(),
    });
    expect(claimed.statusCode).toBe(303);
    const code = /\/learn\/certificates\/([A-Z0-9-]+)/.exec(claimed.headers.location as string)![1]!;
    const again = await app.inject({
      method: 'POST',
      url: `${base}/certificate`,
      headers: form,
      payload: new URLSearchParams({ pass, name: 'Dana Teacher' }).toString(),
    });
    expect(again.headers.location).toBe(claimed.headers.location);

    const verify = await app.inject({ url: `/verify/${code.toLowerCase()}` });
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toContain('This certificate is valid.');
    expect(verify.body).toContain('Dana Teacher');
    expect(verify.body).not.toContain('education');

    const pdf = await app.inject({ url: `/learn/certificates/${code}/certificate.pdf` });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const jwt = (await app.inject({ url: `/learn/certificates/${code}/credential.jwt` })).body;
    const jwks = createLocalJWKSet((await app.inject({ url: '/.well-known/jwks.json' })).json());
    const { payload } = await jwtVerify(jwt, jwks);
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialStatus: { statusPurpose: 'revocation' },
    });

    expect(await revokeCertificate(t.db, { kind: 'system', label: 'test' }, code)).toBe(true);
    expect(await revokeCertificate(t.db, { kind: 'system', label: 'test' }, code)).toBe(false);
    expect((await app.inject({ url: `/verify/${code}` })).body).toContain('This certificate has been revoked.');
    const list = await jwtVerify((await app.inject({ url: '/api/v1/training/status/1' })).body, jwks);
    const encoded = (list.payload.credentialSubject as { encodedList: string }).encodedList;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number((payload.credentialStatus as { statusListIndex: string }).statusListIndex);
    expect((bits[index >> 3]! >> (7 - (index & 7))) & 1).toBe(1);
  });

  it('refuses a made-up pass and an empty name, and says an unknown code is unknown', async () => {
    const forged = await app.inject({ method: 'POST', url: `${base}/certificate`, headers: form, payload: 'pass=abc&name=X' });
    expect(forged.statusCode).toBe(400);
    const pass = await passQuiz('es');
    const nameless = await app.inject({
      method: 'POST',
      url: `${base}/certificate?lang=es`,
      headers: form,
      payload: `pass=${pass}&name=+`,
    });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.body).toContain('Escriba su nombre');
    const unknown = await app.inject({ url: '/verify/ZZZZ-ZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('No certificate has this code.');
  });
});

describe('completions for supervisors', () => {
  it('counts certificates in force by month, path and language, as JSON and CSV, for supervisors only', async () => {
    await issueCertificate(t.db, {
      name: 'Eva Ejemplo',
      course: 'recognise-respond',
      path: 'education',
      lang: 'es',
      passId: 'count',
    });
    await addStaff(t.db, keyring, 'supervisor', 'sup@example.test');
    await addStaff(t.db, keyring, 'analyst', 'an@example.test');
    const supervisor = as(await signIn(app, 'sup@example.test'));
    const analyst = as(await signIn(app, 'an@example.test'));
    const json = await app.inject({ url: '/api/v1/training/completions', headers: supervisor });
    expect(json.statusCode).toBe(200);
    const month = new Date().toISOString().slice(0, 7);
    expect(json.json<{ completions: unknown[] }>().completions).toContainEqual({
      month,
      path: 'education',
      lang: 'es',
      organisation: '',
      role: '',
      state: '',
      completions: 1,
    });
    const csv = await app.inject({ url: '/api/v1/training/completions?format=csv', headers: supervisor });
    expect(csv.body.split('\n')[0]).toBe('month,path,lang,organisation,role,state,completions');
    expect((await app.inject({ url: '/api/v1/training/completions', headers: analyst })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/training/completions' })).statusCode).toBe(401);
  });
});
