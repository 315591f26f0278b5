import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

/** Issue "Trust", "Every look recorded": each answer that carries a child's data writes an audit entry. */
let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const CASES = '/api/v1/cases';
const CHILD_NAME = 'Marisol Synthetic-Ashgrove';

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['cm', 'case_manager'],
    ['sup', 'supervisor'],
    ['sup2', 'supervisor'],
    ['admin', 'admin'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = await app.inject({
    method: 'POST',
    url: `${CASES}/teams`,
    headers: as(who.admin!),
    payload: {
      name: 'Team A',
      members: [{ userId: ids.cm }, { userId: ids.sup, supervises: true }, { userId: ids.sup2, supervises: true }],
    },
  });
  expect(team.statusCode, team.body).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, w: Who, payload?: object) =>
  app.inject({ method, url, headers: as(w), ...(payload ? { payload } : {}) });

async function openCase(): Promise<string> {
  const res = await send('POST', CASES, who.cm!, { details: { identity: { name: CHILD_NAME } }, state: 'OK' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string }>().reference;
}

/** The entries of an action written since a mark (each test makes one request of that kind). */
async function newest(action: string, since: number) {
  return t.db
    .selectFrom('audit_entries')
    .select(['action', 'actor_id', 'target_id', 'details'])
    .where('action', '=', action)
    .where('id', '>', since)
    .orderBy('id')
    .execute();
}
const mark = async () =>
  Number(
    (
      await t.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirstOrThrow()
    ).id ?? 0,
  );

describe('Every look recorded: stale and no-op writes that answer with the case', () => {
  it('a no-op PATCH of a case writes a read entry for the signed-in user', async () => {
    const reference = await openCase();
    const since = await mark();
    const res = await send('PATCH', `${CASES}/${reference}`, who.cm!, {
      version: 1,
      details: { identity: { name: CHILD_NAME } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ version: number }>().version).toBe(1);
    expect(await newest('case.read', since)).toEqual([
      { action: 'case.read', actor_id: ids.cm, target_id: reference, details: { noChange: true } },
    ]);
    expect(await newest('case.update', since)).toEqual([]);
  });

  it('a stale close-request answers with the case and writes a read entry', async () => {
    const reference = await openCase();
    expect((await send('PATCH', `${CASES}/${reference}`, who.cm!, { version: 1, state: 'TX' })).statusCode).toBe(200);
    const since = await mark();
    const res = await send('POST', `${CASES}/${reference}/close-request`, who.cm!, { version: 1, reason: 'recovered' });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain(CHILD_NAME);
    expect(await newest('case.read', since)).toEqual([
      { action: 'case.read', actor_id: ids.cm, target_id: reference, details: { staleEdit: true } },
    ]);
  });

  it('a stale close-approve and a stale close-reject each write a read entry', async () => {
    const reference = await openCase();
    expect(
      (await send('POST', `${CASES}/${reference}/close-request`, who.cm!, { version: 1, reason: 'recovered' })).statusCode,
    ).toBe(200);
    for (const decision of ['close-approve', 'close-reject']) {
      const since = await mark();
      const res = await send('POST', `${CASES}/${reference}/${decision}`, who.sup!, { version: 1 });
      expect(res.statusCode, decision).toBe(409);
      expect(res.body).toContain(CHILD_NAME);
      expect(await newest('case.read', since), decision).toEqual([
        { action: 'case.read', actor_id: ids.sup, target_id: reference, details: { staleEdit: true } },
      ]);
    }
  });

  it('a stale episode or task change answers with the record and writes a read entry', async () => {
    const reference = await openCase();
    const episode = await send('POST', `${CASES}/${reference}/episodes`, who.cm!, {
      leftFrom: 'home',
      knownMissingAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(episode.statusCode, episode.body).toBe(201);
    const task = await send('POST', `${CASES}/${reference}/tasks`, who.cm!, { title: 'Call the school' });
    expect(task.statusCode, task.body).toBe(201);
    const since = await mark();
    const staleEpisode = await send('PUT', `${CASES}/${reference}/episodes/${episode.json<{ id: string }>().id}`, who.cm!, {
      version: 7,
      leftFrom: 'home',
      knownMissingAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(staleEpisode.statusCode, staleEpisode.body).toBe(409);
    const staleTask = await send('PATCH', `${CASES}/${reference}/tasks/${task.json<{ id: string }>().id}`, who.cm!, {
      version: 7,
      status: 'done',
    });
    expect(staleTask.statusCode, staleTask.body).toBe(409);
    expect(await newest('case.episode_list', since)).toEqual([
      expect.objectContaining({ actor_id: ids.cm, target_id: reference, details: expect.objectContaining({ staleEdit: true }) }),
    ]);
    expect(await newest('case.task_list', since)).toEqual([
      expect.objectContaining({ actor_id: ids.cm, target_id: reference, details: expect.objectContaining({ staleEdit: true }) }),
    ]);
  });
});

describe('Every look recorded: reads that wrote no entry', () => {
  it('listing saved case filters writes an entry with the count, never the filter', async () => {
    const saved = await send('POST', `${CASES}/saved-filters`, who.cm!, { name: 'By name', filter: { name: CHILD_NAME } });
    expect(saved.statusCode, saved.body).toBe(201);
    const since = await mark();
    const res = await send('GET', `${CASES}/saved-filters`, who.cm!);
    expect(res.statusCode).toBe(200);
    const entries = await newest('case.filter_list', since);
    expect(entries).toEqual([expect.objectContaining({ actor_id: ids.cm, details: { count: 1 } })]);
    expect(JSON.stringify(entries)).not.toContain('Marisol');
  });

  it('listing a case’s photos writes an entry naming the case', async () => {
    const reference = await openCase();
    const since = await mark();
    const res = await send('GET', `${CASES}/${reference}/photos`, who.sup!);
    expect(res.statusCode, res.body).toBe(200);
    expect(await newest('case.photo_list', since)).toEqual([
      expect.objectContaining({ actor_id: ids.sup, target_id: reference, details: { count: 0 } }),
    ]);
  });

  it('reading the poster state writes an entry naming the case', async () => {
    const reference = await openCase();
    const since = await mark();
    const res = await send('GET', `${CASES}/${reference}/poster`, who.cm!);
    expect(res.statusCode, res.body).toBe(200);
    expect(await newest('case.poster_state', since)).toEqual([
      expect.objectContaining({ actor_id: ids.cm, target_id: reference }),
    ]);
  });
});
