import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const SHIPPED = 'Anyone who spends time with children can help protect them'; // the shipped English introduction of /learn
const PROPOSED = 'Every adult near a child can help keep them safe.\nHere is what to look for, and what to do.';

async function call(method: 'GET' | 'POST', url: string, by: Who, payload?: object) {
  const res = await app.inject({ method, url, headers: as(by), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}
const learnPage = async () => (await app.inject({ method: 'GET', url: '/learn' })).body;

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['sup', 'supervisor'],
    ['expert', 'expert'],
  ] as const) {
    await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('public page text under review', () => {
  let id = '';

  it('a change to the /learn introduction is read against the shipped text, word by word', async () => {
    const shipped = await learnPage();
    expect(shipped).toContain(SHIPPED);
    const res = await call('POST', '/api/v1/review/requests', who.sup!, {
      kind: 'public_page_text',
      key: 'learn-intro.en',
      title: 'Learn page introduction',
      proposed: PROPOSED,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = String(res.body.id);
    const read = await call('GET', `/api/v1/review/requests/${id}`, who.expert!);
    const words = read.body.words as { op: string; text: string }[];
    const side = (skip: string) =>
      words
        .filter((w) => w.op !== skip)
        .map((w) => w.text)
        .join('');
    expect(side('added')).toContain(SHIPPED);
    expect(side('removed')).toBe(PROPOSED);
    expect(
      words
        .filter((w) => w.op === 'added')
        .map((w) => w.text)
        .join(''),
    ).toContain('Every adult');
  });

  it('the public page keeps the shipped text until the change is reviewed and published, then shows it', async () => {
    expect(await learnPage()).not.toContain('Every adult near a child');
    expect((await call('POST', `/api/v1/review/requests/${id}/publish`, who.sup!)).status).toBe(409);
    expect(
      (await call('POST', `/api/v1/review/requests/${id}/recommendation`, who.expert!, { recommendation: 'approve' })).status,
    ).toBe(200);
    expect((await call('POST', `/api/v1/review/requests/${id}/publish`, who.sup!)).status).toBe(200);
    const page = await learnPage();
    expect(page).toContain('Every adult near a child');
    expect(page).toContain('<p class="font-sans-md">Here is what to look for, and what to do.</p>');
    expect(page).not.toContain(SHIPPED);
  });

  it('the Spanish page keeps its own text: each language is its own reviewed key', async () => {
    const res = await app.inject({ method: 'GET', url: '/learn?lang=es' });
    expect(res.body).not.toContain('Every adult near a child');
  });
});
