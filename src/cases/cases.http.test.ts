import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
let teamA = '';

const CASES = '/api/v1/cases';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const distinctive = 'Quillon Synthetic-Ravensworth';

const child = {
  details: {
    identity: {
      name: distinctive,
      aliases: ['Q'],
      dateOfBirth: '2011-04-02',
      gender: 'transgender_female',
      languages: ['en', 'es'],
    },
    description: {
      hair: 'black, shoulder length',
      marks: [{ kind: 'tattoo', location: 'left wrist', description: 'a small crown' }],
    },
    identifiers: [{ kind: 'phone', value: '+1 405 555 0100' }],
    placement: { kind: 'group_home', agencyName: 'Synthetic County DHS' },
    contacts: {
      lawEnforcement: { name: 'Officer Example', badgeNumber: '4411', caseNumber: 'PD-26-0001' },
      ncicNumber: 'M123456789',
    },
  },
  state: 'OK',
};

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['cm', 'case_manager'],
    ['cm2', 'case_manager'],
    ['cmB', 'case_manager'],
    ['sup', 'supervisor'],
    ['supB', 'supervisor'],
    ['analyst', 'analyst'],
    ['partner', 'partner'],
    ['admin', 'admin'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const a = await app.inject({
    method: 'POST',
    url: `${CASES}/teams`,
    headers: as(who.admin!),
    payload: { name: 'Team A', members: [{ userId: ids.cm }, { userId: ids.cm2 }, { userId: ids.sup, supervises: true }] },
  });
  expect(a.statusCode).toBe(201);
  teamA = a.json().id;
  const b = await app.inject({
    method: 'POST',
    url: `${CASES}/teams`,
    headers: as(who.admin!),
    payload: { name: 'Team B', members: [{ userId: ids.cmB }, { userId: ids.supB, supervises: true }] },
  });
  expect(b.statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function open(w: Who = who.cm!, body: object = child) {
  const res = await app.inject({ method: 'POST', url: CASES, headers: as(w), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string; version: number; teamId: string; assigneeId: string }>();
}
const get = (url: string, w: Who) => app.inject({ method: 'GET', url, headers: as(w) });
const post = (url: string, w: Who, payload: object) => app.inject({ method: 'POST', url, headers: as(w), payload });
const auditCount = async (action: string, id: string) =>
  (await t.db.selectFrom('audit_entries').select('action').where('action', '=', action).where('target_id', '=', id).execute())
    .length;

describe('who may reach cases', () => {
  it('needs a session (401) and the CSRF header to write (403)', async () => {
    expect((await app.inject({ method: 'GET', url: CASES })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: CASES, payload: child })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: `${CASES}/CASE-2026-000001` })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: CASES, headers: { cookie: who.cm!.cookie }, payload: child })).statusCode,
    ).toBe(403);
  });

  it('refuses partners and administrators (403): no case permissions', async () => {
    expect((await get(CASES, who.partner!)).statusCode).toBe(403);
    expect((await post(CASES, who.partner!, child)).statusCode).toBe(403);
    expect((await get(CASES, who.admin!)).statusCode).toBe(403);
  });

  it('lets analysts read but not open or change cases', async () => {
    const c = await open();
    expect((await post(CASES, who.analyst!, child)).statusCode).toBe(403);
    expect((await get(`${CASES}/${c.reference}`, who.analyst!)).statusCode).toBe(200);
    const patch = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c.reference}`,
      headers: as(who.analyst!),
      payload: { version: 1 },
    });
    expect(patch.statusCode).toBe(403);
  });

  it('hides another team’s case (404 on read, change, episodes, notes, timeline) and leaves it out of lists', async () => {
    const c = await open();
    for (const w of [who.cmB!, who.supB!]) {
      expect((await get(`${CASES}/${c.reference}`, w)).statusCode).toBe(404);
      expect(
        (await app.inject({ method: 'PATCH', url: `${CASES}/${c.reference}`, headers: as(w), payload: { version: 1 } }))
          .statusCode,
      ).toBe(404);
      expect(
        (await post(`${CASES}/${c.reference}/episodes`, w, { leftFrom: 'home', knownMissingAt: hoursAgo(2) })).statusCode,
      ).toBe(404);
      expect((await post(`${CASES}/${c.reference}/notes`, w, { text: 'x' })).statusCode).toBe(404);
      expect((await get(`${CASES}/${c.reference}/timeline`, w)).statusCode).toBe(404);
      const list = await get(CASES, w);
      expect(list.json().items.map((i: { reference: string }) => i.reference)).not.toContain(c.reference);
    }
    expect((await get(`${CASES}/${c.reference}`, who.cm2!)).statusCode).toBe(200);
    expect((await get(`${CASES}/${c.reference}`, who.sup!)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown reference and 400 for a malformed one', async () => {
    expect((await get(`${CASES}/CASE-2000-999999`, who.cm!)).statusCode).toBe(404);
    const bad = await get(`${CASES}/not-a-case`, who.cm!);
    expect(bad.statusCode).toBe(400);
  });

  it('shows a restricted case only to the named users, even within the team', async () => {
    const c = await open(who.cm!, { ...child, restricted: true, namedUserIds: [ids.sup] });
    expect((await get(`${CASES}/${c.reference}`, who.cm!)).statusCode).toBe(200);
    expect((await get(`${CASES}/${c.reference}`, who.sup!)).statusCode).toBe(200);
    expect((await get(`${CASES}/${c.reference}`, who.cm2!)).statusCode).toBe(404);
    expect((await get(`${CASES}/${c.reference}`, who.analyst!)).statusCode).toBe(404);
  });
});

describe('the case record', () => {
  it('is stored encrypted, read back whole, and every read is audited', async () => {
    const c = await open();
    expect(c.assigneeId).toBe(ids.cm);
    expect(c.teamId).toBe(teamA);
    const row = await t.db
      .selectFrom('cases')
      .select(['body_enc', 'state', 'status'])
      .where('reference', '=', c.reference)
      .executeTakeFirstOrThrow();
    expect(row.body_enc).toMatch(/^v1\./);
    expect(row.body_enc).not.toContain('Quillon');
    const read = await get(`${CASES}/${c.reference}`, who.cm!);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.json()).toMatchObject({
      status: 'open',
      version: 1,
      state: 'OK',
      details: { identity: { name: distinctive, gender: 'transgender_female' }, contacts: { ncicNumber: 'M123456789' } },
    });
    expect(read.json().abilities).toContain('case.update');
    expect(await auditCount('case.create', c.reference)).toBe(1);
    expect(await auditCount('case.read', c.reference)).toBe(1);
  });

  it('refuses impossible identities, naming the field', async () => {
    const future = await post(CASES, who.cm!, { details: { identity: { name: 'A', dateOfBirth: '2999-01-01' } } });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.errors[0].path).toBe('details.identity.dateOfBirth');
    const old = await post(CASES, who.cm!, { details: { identity: { name: 'A', dateOfBirth: '1950-01-01' } } });
    expect(old.json().error.errors[0].path).toBe('details.identity.dateOfBirth');
    const age = await post(CASES, who.cm!, { details: { identity: { name: 'A', approximateAge: 40 } } });
    expect(age.statusCode).toBe(400);
    expect(age.json().error.errors[0].path).toBe('details.identity.approximateAge');
    const nameless = await post(CASES, who.cm!, { details: { identity: {} } });
    expect(nameless.json().error.errors[0]).toEqual({ path: 'details.identity.name', message: 'is required' });
    const otherTeam = await post(CASES, who.cm!, {
      ...child,
      teamId: (await get(`${CASES}/teams`, who.cm!)).json().items.find((x: { name: string }) => x.name === 'Team B').id,
      assigneeId: ids.cmB,
    });
    expect(otherTeam.statusCode).toBe(400);
    expect(otherTeam.json().error.errors[0].path).toBe('teamId');
  });

  it('catches a stale edit: 409 with the current record and the fields changed since', async () => {
    const c = await open();
    const first = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c.reference}`,
      headers: as(who.cm!),
      payload: { version: 1, details: { placement: { kind: 'foster_family' } }, state: 'TX' },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(2);
    const second = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c.reference}`,
      headers: as(who.cm2!),
      payload: { version: 1, details: { description: { hair: 'red', marks: [] } } },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({
      code: 'stale_version',
      currentVersion: 2,
      changedFields: ['placement', 'state'],
    });
    expect(second.json().current.details.placement.kind).toBe('foster_family');
    const retry = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c.reference}`,
      headers: as(who.cm2!),
      payload: { version: 2, details: { description: { hair: 'red', marks: [] } } },
    });
    expect(retry.json()).toMatchObject({
      version: 3,
      details: { description: { hair: 'red' }, placement: { kind: 'foster_family' } },
    });
    expect(await auditCount('case.update', c.reference)).toBe(2);
  });
});

describe('episodes and their clocks', () => {
  it('runs both 24-hour clocks from knownMissingAt and stops them when the reports are recorded', async () => {
    const c = await open();
    const url = `${CASES}/${c.reference}/episodes`;
    const created = await post(url, who.cm!, {
      leftFrom: 'placement',
      knownMissingAt: hoursAgo(30),
      lastSeen: { place: 'Group home on Elm St' },
      circumstances: 'Left after dinner.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const ep = created.json();
    expect(ep.deadlines.map((d: { kind: string; state: string }) => [d.kind, d.state])).toEqual([
      ['report_law_enforcement', 'overdue'],
      ['report_clearinghouse', 'overdue'],
    ]);
    const dash = (await get(`${CASES}/dashboard`, who.cm!)).json();
    expect(dash.deadlines.filter((d: { caseReference: string }) => d.caseReference === c.reference)).toHaveLength(2);
    const supDash = (await get(`${CASES}/dashboard`, who.sup!)).json();
    expect(supDash.deadlines.some((d: { caseReference: string }) => d.caseReference === c.reference)).toBe(true);
    expect(
      (await get(`${CASES}/dashboard`, who.cmB!))
        .json()
        .deadlines.some((d: { caseReference: string }) => d.caseReference === c.reference),
    ).toBe(false);

    const full = {
      version: 1,
      leftFrom: 'placement',
      knownMissingAt: ep.knownMissingAt,
      reportedToLawEnforcementAt: hoursAgo(29),
      reportedToClearinghouseAt: hoursAgo(3),
      recovery: { recoveredAt: hoursAgo(10), place: 'Motel', recoveredBy: 'Police', how: 'Found during a welfare check' },
      returnInterview: {
        conductedAt: hoursAgo(5),
        primaryFactors: 'Conflict at the placement',
        experiencesWhileAway: 'Stayed with an older friend',
      },
      screening: { screenedAt: hoursAgo(4), screener: 'Screener Example', outcome: 'indicators_present' },
    };
    const updated = await app.inject({ method: 'PUT', url: `${url}/${ep.id}`, headers: as(who.cm!), payload: full });
    expect(updated.statusCode, updated.body).toBe(200);
    const states = Object.fromEntries(updated.json().deadlines.map((d: { kind: string; state: string }) => [d.kind, d.state]));
    expect(states).toEqual({
      report_law_enforcement: 'met',
      report_clearinghouse: 'met_late',
      return_interview: 'met',
      trafficking_screening: 'met',
      supervisor_review: 'due',
    });
    const stale = await app.inject({ method: 'PUT', url: `${url}/${ep.id}`, headers: as(who.cm!), payload: full });
    expect(stale.statusCode).toBe(409);
    expect((await post(`${url}/${ep.id}/review`, who.cm!, {})).statusCode).toBe(403);
    const reviewed = await post(`${url}/${ep.id}/review`, who.sup!, {});
    expect(reviewed.json().deadlines.find((d: { kind: string }) => d.kind === 'supervisor_review').state).toBe('met');
    const stored = await t.db.selectFrom('case_episodes').select('body_enc').where('id', '=', ep.id).executeTakeFirstOrThrow();
    // A space never occurs in base64url: only plaintext could match.
    expect(stored.body_enc).not.toContain('Elm St');
  });

  it('refuses contradictory dates and duplicates, naming the field, and writes nothing', async () => {
    const c = await open();
    const url = `${CASES}/${c.reference}/episodes`;
    const cases: [object, string][] = [
      [{ leftFrom: 'home', knownMissingAt: hoursAgo(-48) }, 'knownMissingAt'],
      [{ leftFrom: 'home', knownMissingAt: hoursAgo(5), recovery: { recoveredAt: hoursAgo(10) } }, 'recovery.recoveredAt'],
      [
        { leftFrom: 'home', knownMissingAt: hoursAgo(5), returnInterview: { conductedAt: hoursAgo(1) } },
        'returnInterview.conductedAt',
      ],
      [{ leftFrom: 'home', knownMissingAt: '2009-01-01T00:00:00Z' }, 'knownMissingAt'],
      [{ leftFrom: 'nowhere', knownMissingAt: hoursAgo(5) }, 'leftFrom'],
      [{ leftFrom: 'home', knownMissingAt: 'yesterday' }, 'knownMissingAt'],
    ];
    for (const [body, path] of cases) {
      const res = await post(url, who.cm!, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post(url, who.cm!, { leftFrom: 'home', knownMissingAt: hoursAgo(50) })).statusCode).toBe(201);
    const dup = await post(url, who.cm!, {
      leftFrom: 'home',
      knownMissingAt: new Date(Date.now() - 50 * 3_600_000 + 20 * 60_000).toISOString(),
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.errors[0].path).toBe('knownMissingAt');
    expect((await get(url, who.cm!)).json().items).toHaveLength(1);
  });

  it('shows the pattern of episodes as facts', async () => {
    const c = await open();
    for (const h of [24 * 60, 24 * 30, 24 * 5])
      expect(
        (
          await post(`${CASES}/${c.reference}/episodes`, who.cm!, {
            leftFrom: 'facility',
            knownMissingAt: hoursAgo(h),
            reportedToLawEnforcementAt: hoursAgo(h - 1),
            reportedToClearinghouseAt: hoursAgo(h - 1),
          })
        ).statusCode,
      ).toBe(201);
    const read = (await get(`${CASES}/${c.reference}`, who.cm!)).json();
    expect(read.episodeCount).toBe(3);
    expect(read.pattern.map((p: { kind: string }) => p.kind)).toContain('repeated_missing');
  });
});

describe('observations, tasks, links, notes and the timeline', () => {
  it('records an observation that raises a task, links a tip, keeps notes as written with suggestions, and lists it all in order', async () => {
    const c = await open();
    const base = `${CASES}/${c.reference}`;
    const obs = await post(`${base}/observations`, who.cm!, {
      observedAt: hoursAgo(3),
      observer: 'Foster parent',
      source: 'caregiver',
      indicator: 'cash_cards_keys',
      note: 'Hotel key card in a jacket pocket.',
      task: { title: 'Ask about the hotel key card', dueAt: hoursAgo(-12) },
    });
    expect(obs.statusCode, obs.body).toBe(201);
    expect(obs.json().task).toMatchObject({ title: 'Ask about the hotel key card', ownerId: ids.cm, status: 'open' });
    expect(
      (
        await post(`${base}/observations`, who.cm!, {
          observedAt: hoursAgo(1),
          observer: 'x',
          source: 'school',
          indicator: 'a_score',
        })
      ).statusCode,
    ).toBe(400);

    const dash = (await get(`${CASES}/dashboard`, who.cm!)).json();
    expect(dash.tasks.some((x: { caseReference: string }) => x.caseReference === c.reference)).toBe(true);

    const tip = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: {
        incident: {
          type: 'child_sex_trafficking',
          description: 'A girl of about 15 is brought to a motel by an older man most nights.',
        },
        location: { city: 'Tulsa', state: 'OK' },
        reporter: { anonymous: true },
      },
    });
    expect(tip.statusCode).toBe(201);
    const reference = tip.json().reference;
    // The team's supervisor reaches the tip; a case manager reaches no tips, so links none (404, as a missing one).
    expect(
      (await post(`${base}/links`, who.cm!, { kind: 'tip', reference, reason: 'Same motel and description' })).statusCode,
    ).toBe(404);
    const link = await post(`${base}/links`, who.sup!, { kind: 'tip', reference, reason: 'Same motel and description' });
    expect(link.statusCode, link.body).toBe(201);
    expect((await post(`${base}/links`, who.sup!, { kind: 'tip', reference, reason: 'again' })).statusCode).toBe(409);
    const missingTip = await post(`${base}/links`, who.sup!, { kind: 'tip', reference: 'BCN-2026-999999', reason: 'x' });
    expect(missingTip.statusCode).toBe(404);
    expect(missingTip.json().error.errors[0].path).toBe('reference');
    expect(await auditCount('case.link', c.reference)).toBe(1);

    const written = 'Worried she is a child prostitute now; spoke with the school.';
    const note = await post(`${base}/notes`, who.cm!, { text: written });
    expect(note.statusCode).toBe(201);
    expect(note.json().text).toBe(written);
    expect(note.json().suggestions[0]).toMatchObject({ term: 'child prostitute' });
    const stored = await t.db
      .selectFrom('case_notes')
      .select('body_enc')
      .where('id', '=', note.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.body_enc).not.toContain('school');

    const timeline = (await get(`${base}/timeline`, who.cm!)).json().items;
    expect(timeline.map((i: { kind: string }) => i.kind)).toEqual(
      expect.arrayContaining(['case_opened', 'observation', 'task', 'link', 'note']),
    );
    const times = timeline.map((i: { at: string }) => Date.parse(i.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(await auditCount('case.timeline_read', c.reference)).toBe(1);
  });
});

describe('closing', () => {
  it('needs a request and another person’s approval, then the case is read-only', async () => {
    const c = await open(who.sup!, { ...child, teamId: teamA, assigneeId: ids.cm });
    const base = `${CASES}/${c.reference}`;
    expect((await post(`${base}/close-approve`, who.sup!, { version: 1 })).statusCode).toBe(409);
    const asked = await post(`${base}/close-request`, who.sup!, { version: 1, reason: 'recovered', note: 'Home and settled' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().status).toBe('closing_requested');
    const self = await post(`${base}/close-approve`, who.sup!, { version: 2 });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('same_user');
    expect((await post(`${base}/close-approve`, who.cm!, { version: 2 })).statusCode).toBe(403);
    const c2 = await open();
    await post(`${CASES}/${c2.reference}/close-request`, who.cm!, { version: 1, reason: 'bogus' }).then((r) =>
      expect(r.statusCode).toBe(400),
    );
    expect(
      (await post(`${CASES}/${c2.reference}/close-request`, who.cm!, { version: 1, reason: 'returned_home' })).statusCode,
    ).toBe(200);
    const approved = await post(`${CASES}/${c2.reference}/close-approve`, who.sup!, { version: 2 });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'closed', closing: { reason: 'returned_home', closedBy: ids.sup } });
    expect(approved.json().abilities).not.toContain('case.update');
    const edit = await app.inject({
      method: 'PATCH',
      url: `${CASES}/${c2.reference}`,
      headers: as(who.cm!),
      payload: { version: 3, state: 'KS' },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('case_closed');
    expect((await post(`${CASES}/${c2.reference}/notes`, who.cm!, { text: 'late note' })).statusCode).toBe(409);
    expect((await get(`${CASES}/${c2.reference}`, who.cm!)).statusCode).toBe(200);
    expect(await auditCount('case.close_approve', c2.reference)).toBe(1);
  });
});

describe('the API description', () => {
  it('documents the case routes', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/cases',
        '/api/v1/cases/{reference}',
        '/api/v1/cases/{reference}/episodes',
        '/api/v1/cases/dashboard',
      ]),
    );
  });
});
