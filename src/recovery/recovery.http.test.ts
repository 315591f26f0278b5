import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, TEST_PASSWORD, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
let caseRef = '';
let otherCaseRef = '';

const content = (extra: Partial<Record<string, unknown>> = {}) => ({
  participants: [
    { id: 'p-young', kind: 'young_person', name: 'Rowan', tookPart: true },
    { id: 'p-guardian', kind: 'guardian', name: 'A guardian', tookPart: false, notPartReason: 'Could not be reached.' },
    { id: 'p-foster', kind: 'foster_parent', name: 'Sam Fosterling', tookPart: true },
  ],
  youngPersonWords: 'I want to finish school and see my little brother.',
  needs: [
    {
      id: 'n-dental',
      domain: 'medical_dental',
      description: 'A tooth infection left untreated.',
      goals: [
        {
          id: 'g-treated',
          description: 'Infection treated',
          measure: 'Dentist confirms treatment done',
          targetOn: '2027-02-01',
          actions: [
            {
              id: 'a-foster',
              description: 'Drive to the dentist',
              owner: { kind: 'foster_parent', participantId: 'p-foster' },
              dueOn: '2027-01-10',
            },
            { id: 'a-staff', description: 'Book the dentist', owner: { kind: 'recovery_specialist' }, dueOn: '2027-01-03' },
          ],
        },
      ],
    },
  ],
  sharing: { goals: true, youngPersonWords: false },
  ...extra,
});

async function call(method: 'GET' | 'POST' | 'PUT', url: string, by: Who | null, payload?: object) {
  const res = await app.inject({ method, url, headers: by ? as(by) : {}, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['sup', 'supervisor'],
    ['rec', 'recovery'],
    ['recB', 'recovery'],
    ['cm', 'case_manager'],
    ['admin', 'admin'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = await call('POST', '/api/v1/cases/teams', who.admin!, {
    name: 'Team A',
    members: [{ userId: ids.sup }, { userId: ids.rec }, { userId: ids.cm }],
  });
  const teamB = await call('POST', '/api/v1/cases/teams', who.admin!, {
    name: 'Team B',
    members: [{ userId: ids.recB }, { userId: ids.sup, supervises: true }],
  });
  const open = async (teamId: unknown, name: string) =>
    String(
      (
        await call('POST', '/api/v1/cases', who.sup!, {
          details: { identity: { name, dateOfBirth: '2010-05-01' } },
          teamId,
          state: 'OK',
        })
      ).body.reference,
    );
  caseRef = await open(team.body.id, 'Rowan Synthetic-Example');
  otherCaseRef = await open(teamB.body.id, 'Other Synthetic-Child');
  expect(otherCaseRef).toMatch(/^CASE-/);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('victim assistance plans', () => {
  let planId = '';

  it('starts a plan from a template with dates counted from today, and saves versions', async () => {
    const template = await call('POST', '/api/v1/plan-templates', who.sup!, {
      name: 'After recovery: first 90 days',
      content: {
        needs: [
          {
            domain: 'safety_placement',
            description: 'A safe place to live',
            goals: [
              {
                description: 'Stable placement',
                measure: 'Same placement for 60 days',
                targetInDays: 60,
                actions: [{ description: 'Visit', ownerKind: 'child_welfare', dueInDays: 7, recurrence: 'weekly' }],
              },
            ],
          },
        ],
      },
    });
    expect(template.status).toBe(201);
    expect((await call('POST', '/api/v1/plan-templates', who.rec!, template.body)).status).toBe(403);

    const started = await call('POST', `/api/v1/cases/${caseRef}/plan`, who.rec!, { templateId: template.body.id });
    expect(started.status).toBe(201);
    planId = String(started.body.id);
    const first = started.body.content as { needs: { domain: string; goals: { actions: { recurrence?: string }[] }[] }[] };
    expect(first.needs[0]!.domain).toBe('safety_placement');
    expect(first.needs[0]!.goals[0]!.actions[0]!.recurrence).toBe('weekly');
    expect((await call('POST', `/api/v1/cases/${caseRef}/plan`, who.rec!, {})).status).toBe(409);

    const saved = await call('PUT', `/api/v1/plans/${planId}`, who.rec!, { version: 1, content: content() });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await call('PUT', `/api/v1/plans/${planId}`, who.rec!, { version: 1, content: content() });
    expect(stale.status).toBe(409);
  });

  it('refuses a plan with a bad field, naming it, and writes nothing', async () => {
    const bad = content({ needs: [{ id: 'n1', domain: 'astrology', description: 'x', goals: [] }] });
    const res = await call('PUT', `/api/v1/plans/${planId}`, who.rec!, { version: 2, content: bad });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('content.needs.0.domain');
    const versions = await call('GET', `/api/v1/plans/${planId}/versions`, who.rec!);
    expect((versions.body.items as unknown[]).length).toBe(2);
  });

  it('compares two versions item by item', async () => {
    const res = await call('GET', `/api/v1/plans/${planId}/compare?from=1&to=2`, who.rec!);
    expect(res.status).toBe(200);
    const rows = res.body.rows as { change: string; label: string }[];
    expect(rows.some((r) => r.change === 'added')).toBe(true);
    expect(rows.some((r) => r.change === 'removed')).toBe(true);
  });

  it('derives the status of actions from dated facts, and a supervisor approves', async () => {
    const done = await call('POST', `/api/v1/plans/${planId}/progress`, who.rec!, { actionId: 'a-staff', done: true });
    expect(done.status).toBe(201);
    const plan = (await call('GET', `/api/v1/cases/${caseRef}/plan`, who.rec!)).body.plan as {
      derived: { actions: Record<string, { state: string }> };
      status: { state: string };
    };
    expect(plan.derived.actions['a-staff']!.state).toBe('done');
    expect(plan.derived.actions['a-foster']!.state).not.toBe('done');
    expect(plan.status.state).toBe('draft');
    expect((await call('POST', `/api/v1/plans/${planId}/approve`, who.sup!)).status).toBe(409);
    expect((await call('POST', `/api/v1/plans/${planId}/submit`, who.rec!)).status).toBe(200);
    expect((await call('POST', `/api/v1/plans/${planId}/approve`, who.rec!)).status).toBe(403);
    const approved = await call('POST', `/api/v1/plans/${planId}/approve`, who.sup!);
    expect((approved.body.status as { state: string; reviewDueOn?: string }).state).toBe('active');
    expect((approved.body.status as { reviewDueOn?: string }).reviewDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('asks that a young person of 14 or over take part before the plan goes for approval', async () => {
    const without = content({ participants: content().participants.filter((p) => p.kind !== 'young_person') });
    const version = ((await call('GET', `/api/v1/cases/${caseRef}/plan`, who.rec!)).body.plan as { version: number }).version;
    expect((await call('PUT', `/api/v1/plans/${planId}`, who.rec!, { version, content: without })).status).toBe(200);
    const refused = await call('POST', `/api/v1/plans/${planId}/submit`, who.rec!);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('young person');
    expect((await call('PUT', `/api/v1/plans/${planId}`, who.rec!, { version: version + 1, content: content() })).status).toBe(
      200,
    );
  });

  it('keeps the plan out of reach of a recovery specialist of another team (404) and of roles without the permission (403)', async () => {
    expect((await call('GET', `/api/v1/cases/${caseRef}/plan`, who.recB!)).status).toBe(404);
    expect((await call('GET', `/api/v1/plans/${planId}/versions`, who.recB!)).status).toBe(404);
    expect((await call('GET', `/api/v1/plans/${planId}/versions`, who.cm!)).status).toBe(403);
    expect((await call('POST', `/api/v1/cases/${otherCaseRef}/plan`, who.rec!, {})).status).toBe(404);
  });

  it('invites a foster parent who sees only their actions and the shared goals, never the case or another plan', async () => {
    const invited = await call('POST', `/api/v1/plans/${planId}/invitations`, who.rec!, {
      participantId: 'p-foster',
      email: 'foster@example.test',
    });
    expect(invited.status).toBe(201);
    expect(String(invited.body.setupUrl)).toContain('/app/setup?token=');
    const token = new URL(String(invited.body.setupUrl)).searchParams.get('token');
    const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/setup', payload: { token, password: TEST_PASSWORD } });
    expect(setup.statusCode).toBeLessThan(300);
    // The same second factor as staff: signing in enrols TOTP before anything else answers.
    const foster = await signIn(app, 'foster@example.test');

    const mine = await call('GET', `/api/v1/my/plans/${planId}`, foster);
    expect(mine.status).toBe(200);
    const text = JSON.stringify(mine.body);
    expect(text).toContain('Drive to the dentist');
    expect(text).not.toContain('Book the dentist');
    expect(text).not.toContain('finish school');
    expect(text).not.toContain('Rowan');
    expect(text).not.toContain(caseRef);

    expect((await call('GET', `/api/v1/cases/${caseRef}/plan`, foster)).status).toBe(403);
    expect((await call('GET', `/api/v1/cases/${caseRef}`, foster)).status).toBe(403);
    expect((await call('GET', '/api/v1/reports', foster)).status).toBe(403);
    const other = await call('POST', `/api/v1/cases/${otherCaseRef}/plan`, who.recB!, {});
    expect(other.status).toBe(201);
    expect((await call('GET', `/api/v1/my/plans/${String(other.body.id)}`, foster)).status).toBe(404);

    const own = await call('POST', `/api/v1/my/plans/${planId}/progress`, foster, {
      actionId: 'a-foster',
      done: true,
      note: 'Went today.',
    });
    expect(own.status).toBe(201);
    const someoneElses = await call('POST', `/api/v1/my/plans/${planId}/progress`, foster, { actionId: 'a-staff', done: true });
    expect(someoneElses.status).toBe(400);
    const seen = (await call('GET', `/api/v1/cases/${caseRef}/plan`, who.rec!)).body.plan as {
      derived: { actions: Record<string, { state: string }> };
    };
    expect(seen.derived.actions['a-foster']!.state).toBe('done');
  });

  it('refuses a referral without a matching consent, then sends it once the young person consents', async () => {
    const referral = {
      providerName: 'Harbor Dental (demo)',
      serviceKind: 'medical',
      recipientKind: 'health',
      needDomains: ['medical_dental'],
    };
    const refused = await call('POST', `/api/v1/plans/${planId}/referrals`, who.rec!, referral);
    expect(refused.status).toBe(409);
    expect(String((refused.body.error as { message: string }).message)).toMatch(/consent/i);
    expect((await call('GET', `/api/v1/plans/${planId}/support`, who.rec!)).body.referrals).toEqual([]);

    const byGuardian = await call('POST', `/api/v1/plans/${planId}/consents`, who.rec!, {
      givenBy: 'guardian',
      recipientKind: 'health',
      shares: ['first_name'],
      givenOn: '2026-12-01',
      expiresOn: '2027-12-01',
    });
    expect(byGuardian.status).toBe(201);
    expect((await call('POST', `/api/v1/plans/${planId}/referrals`, who.rec!, referral)).status).toBe(409);

    await call('POST', `/api/v1/plans/${planId}/consents`, who.rec!, {
      givenBy: 'young_person',
      recipientKind: 'health',
      shares: ['first_name', 'needs'],
      givenOn: '2026-12-01',
      expiresOn: '2027-12-01',
    });
    const sent = await call('POST', `/api/v1/plans/${planId}/referrals`, who.rec!, referral);
    expect(sent.status).toBe(201);
    const r = (sent.body.referrals as { id: string; state: string }[])[0]!;
    expect(r.state).toBe('in_progress');

    const form = await app.inject({
      method: 'GET',
      url: `/api/v1/plans/${planId}/referrals/${r.id}/form`,
      headers: as(who.rec!),
    });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('application/pdf');

    expect((await call('POST', `/api/v1/plans/${planId}/referrals/${r.id}/events`, who.rec!, { kind: 'accept' })).status).toBe(
      200,
    );
    const noReason = await call('POST', `/api/v1/plans/${planId}/referrals/${r.id}/events`, who.rec!, {
      kind: 'close',
      outcome: 'not_successful',
    });
    expect(noReason.status).toBe(400);
    const closed = await call('POST', `/api/v1/plans/${planId}/referrals/${r.id}/events`, who.rec!, {
      kind: 'close',
      outcome: 'successful',
    });
    expect((closed.body.referrals as { state: string; outcome: string }[])[0]).toMatchObject({
      state: 'done',
      outcome: 'successful',
    });
    expect((await call('POST', `/api/v1/plans/${planId}/referrals/${r.id}/events`, who.rec!, { kind: 'accept' })).status).toBe(
      409,
    );
  });

  it('lets only a supervisor send without consent, with a legal reason shown on the plan', async () => {
    const referral = {
      providerName: 'County Legal Aid (demo)',
      serviceKind: 'legal',
      recipientKind: 'legal',
      legalReason: 'Court order 26-JV-0001 directs the referral.',
    };
    const specialist = await call('POST', `/api/v1/plans/${planId}/referrals`, who.rec!, referral);
    expect(specialist.status).toBe(400);
    const sup = await call('POST', `/api/v1/plans/${planId}/referrals`, who.sup!, referral);
    expect(sup.status).toBe(201);
    const legal = (sup.body.referrals as { legalReason: string | null; recipientKind: string }[]).find(
      (x) => x.recipientKind === 'legal',
    );
    expect(legal?.legalReason).toContain('Court order');
  });

  it('records an audit entry for every read of the plan', async () => {
    const before = await t.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'plan.read')
      .executeTakeFirstOrThrow();
    await call('GET', `/api/v1/cases/${caseRef}/plan`, who.rec!);
    const after = await t.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('action', '=', 'plan.read')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('puts overdue plan actions on the case deadlines dashboard of those who reach the case', async () => {
    const plan = (await call('GET', `/api/v1/cases/${caseRef}/plan`, who.rec!)).body.plan as {
      version: number;
      content: ReturnType<typeof content>;
    };
    const late = structuredClone(plan.content);
    late.needs[0]!.goals[0]!.actions.push({
      id: 'a-late',
      description: 'Ask for the school records',
      owner: { kind: 'recovery_specialist' },
      dueOn: '2026-01-05',
    });
    expect((await call('PUT', `/api/v1/plans/${planId}`, who.rec!, { version: plan.version, content: late })).status).toBe(200);
    const dash = await call('GET', '/api/v1/cases/dashboard?view=team', who.sup!);
    const tasks = dash.body.planTasks as { caseReference: string; title: string; state: string }[];
    expect(tasks).toContainEqual(
      expect.objectContaining({ caseReference: caseRef, title: 'Ask for the school records', state: 'overdue' }),
    );
    const other = await call('GET', '/api/v1/cases/dashboard?view=team', who.recB!);
    expect(JSON.stringify(other.body.planTasks)).not.toContain('school records');
  });
});
