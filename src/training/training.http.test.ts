import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { loadCourses } from './course.content.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = (await testApp(t)).app;
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
