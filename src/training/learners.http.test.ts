import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { FORM as form, registerLearner, signInLearner } from '../../test/learner.ts';
import { addStaff, as, signIn } from '../../test/staff.ts';
import type { Keyring } from '../security/index.ts';
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

const course = loadCourses().get('recognise-respond')!;
const base = '/learn/courses/recognise-respond/education';
async function passQuiz(cookie: string): Promise<string> {
  const quiz = await app.inject({ url: `${base}/quiz` });
  const ids = [...quiz.body.matchAll(/name="q" value="([^"]+)"/g)].map((m) => m[1]!);
  const body = new URLSearchParams(ids.map((id): [string, string] => ['q', id]));
  for (const id of ids)
    body.append(`a_${id}`, course.en.quiz.questions.find((q) => q.id === id)!.choices.find((c) => c.correct)!.id);
  const result = await app.inject({
    method: 'POST',
    url: `${base}/quiz`,
    headers: { ...form, cookie },
    payload: body.toString(),
  });
  return /name="pass" value="([^"]+)"/.exec(result.body)![1]!;
}

const registration = {
  name: 'Tess Teacher',
  email: 'Tess@School.example',
  organisation: '=Lincoln Middle School',
  role: 'education',
  state: 'OK',
  password: 'a long enough passphrase',
};

describe('learner accounts', () => {
  it('names each wrong field of a registration', async () => {
    const { res } = await registerLearner(app, { ...registration, role: 'astronaut', state: 'ZZ', password: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Choose the work you do.');
    expect(res.body).toContain('Choose your state.');
    expect(res.body).toContain('at least 12 characters');
  });

  it('registers, keeps the certificate on the account and counts it by organisation, role and state (CSV audited)', async () => {
    const registered = await registerLearner(app, registration);
    expect(registered.res.statusCode).toBe(303);
    expect(registered.res.headers['set-cookie']).toMatch(/HttpOnly/);
    const cookie = registered.cookie!;
    expect((await registerLearner(app, registration)).res.statusCode).toBe(409);

    const pass = await passQuiz(cookie);
    const claimed = await app.inject({
      method: 'POST',
      url: `${base}/certificate`,
      headers: { ...form, cookie },
      payload: new URLSearchParams({ pass, name: '' }).toString(),
    });
    expect(claimed.statusCode).toBe(303);
    const account = await app.inject({ url: '/learn/account', headers: { cookie } });
    expect(account.body).toContain('Tess Teacher');
    expect(account.body).toContain(course.en.title);

    await addStaff(t.db, keyring, 'supervisor', 'sup@example.test');
    const supervisor = as(await signIn(app, 'sup@example.test'));
    const json = await app.inject({ url: '/api/v1/training/completions', headers: supervisor });
    expect(json.json<{ completions: unknown[] }>().completions).toContainEqual(
      expect.objectContaining({ organisation: '=Lincoln Middle School', role: 'education', state: 'OK', completions: 1 }),
    );
    const csv = await app.inject({ url: '/api/v1/training/completions?format=csv', headers: supervisor });
    expect(csv.body).toContain("'=Lincoln Middle School,education,OK,1");
    const audit = await t.db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', '=', 'training_completions.exported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('signs in with the right password only, and the learner cookie opens no staff route', async () => {
    expect((await signInLearner(app, 'tess@school.example', 'wrong')).res.statusCode).toBe(401);
    const signedIn = await signInLearner(app, 'tess@school.example', registration.password);
    expect(signedIn.res.statusCode).toBe(303);
    expect(signedIn.cookie).toMatch(/^beacon_learner=/);
    const cookie = signedIn.cookie!;
    expect((await app.inject({ url: '/api/v1/training/completions', headers: { cookie } })).statusCode).toBe(401);
    const out = await app.inject({ method: 'POST', url: '/learn/account/sign-out', headers: { cookie } });
    expect(out.statusCode).toBe(303);
    expect((await app.inject({ url: '/learn/account', headers: { cookie } })).statusCode).toBe(303);
  });
});

describe('in-person sessions', () => {
  it('lets a trainer schedule, people register without JavaScript, a cancellation promote the waitlist, and attendance certify', async () => {
    await addStaff(t.db, keyring, 'trainer', 'trainer@example.test');
    await addStaff(t.db, keyring, 'analyst', 'analyst@example.test');
    const trainer = as(await signIn(app, 'trainer@example.test'));
    const analyst = as(await signIn(app, 'analyst@example.test'));
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    const body = {
      course: 'recognise-respond',
      audience: 'education',
      lang: 'en',
      place: 'Library, room 2',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
      capacity: 1,
    };
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/training/sessions', headers: analyst, payload: body })).statusCode,
    ).toBe(403);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/training/sessions',
      headers: trainer,
      payload: { ...body, capacity: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const created = await app.inject({ method: 'POST', url: '/api/v1/training/sessions', headers: trainer, payload: body });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;

    const list = await app.inject({ url: '/learn/sessions' });
    expect(list.body).toContain(`/learn/sessions/${id}`);
    const register = (n: number) =>
      app.inject({
        method: 'POST',
        url: `/learn/sessions/${id}`,
        headers: form,
        payload: `name=Person+${n}&email=p${n}%40example.test`,
      });
    const first = await register(1);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toMatch(/just=booked/);
    const second = await register(2);
    expect(second.headers.location).toMatch(/just=waitlisted/);
    expect((await register(2)).statusCode).toBe(409);

    const manage = (first.headers.location as string).split('?')[0]!;
    expect((await app.inject({ url: manage })).body).toContain('You have a place.');
    const cancelled = await app.inject({ method: 'POST', url: `${manage}/cancel` });
    expect(cancelled.statusCode).toBe(303);
    const roster = await app.inject({ url: `/api/v1/training/sessions/${id}`, headers: trainer });
    const rows = roster.json<{ roster: { id: string; email: string; status: string }[] }>().roster;
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      ['p1@example.test', 'cancelled'],
      ['p2@example.test', 'booked'],
    ]);
    const promoted = await t.db
      .selectFrom('training_outbox')
      .select('kind')
      .where('to_address', '=', 'p2@example.test')
      .execute();
    expect(promoted.map((p) => p.kind)).toEqual(['waitlisted', 'promotion']);

    const marks = { marks: [{ booking: rows[1]!.id, mark: 'attended' }] };
    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/training/sessions/${id}/attendance`,
      headers: trainer,
      payload: marks,
    });
    expect(early.statusCode).toBe(409);
    await t.db
      .updateTable('training_sessions')
      .set({ starts_at: new Date(Date.now() - 60_000) })
      .where('id', '=', id)
      .execute();
    const taken = await app.inject({
      method: 'POST',
      url: `/api/v1/training/sessions/${id}/attendance`,
      headers: trainer,
      payload: marks,
    });
    expect(taken.json()).toEqual({ certificates: 1 });
    const after = await app.inject({ url: `/api/v1/training/sessions/${id}`, headers: trainer });
    const code = after.json<{ roster: { certificateCode: string | null }[] }>().roster[1]!.certificateCode!;
    expect((await app.inject({ url: `/verify/${code}` })).body).toContain('Person 2');
  });
});
