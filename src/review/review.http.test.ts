import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
let caseRef = '';
let freshCaseRef = '';
let planId = '';

async function call(method: 'GET' | 'POST' | 'PUT', url: string, by: Who | null, payload?: object) {
  const res = await app.inject({ method, url, headers: by ? as(by) : {}, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}

const templateContent = (action: string) => ({
  needs: [
    {
      domain: 'education',
      description: 'Back to school',
      goals: [
        {
          description: 'Enrolled',
          measure: 'School confirms',
          targetInDays: 30,
          actions: [{ description: action, ownerKind: 'recovery_specialist', dueInDays: 7 }],
        },
      ],
    },
  ],
});

const auditCount = async (action: string) =>
  Number(
    (
      await t.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  const ids: Record<string, string> = {};
  for (const [name, role] of [
    ['sup', 'supervisor'],
    ['expert', 'expert'],
    ['expert2', 'expert'],
    ['admin', 'admin'],
    ['analyst', 'analyst'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = await call('POST', '/api/v1/cases/teams', who.admin!, { name: 'Team A', members: [{ userId: ids.sup }] });
  caseRef = String(
    (
      await call('POST', '/api/v1/cases', who.sup!, {
        details: { identity: { name: 'Synthetic Child' } },
        teamId: team.body.id,
        state: 'OK',
      })
    ).body.reference,
  );
  freshCaseRef = String(
    (
      await call('POST', '/api/v1/cases', who.sup!, {
        details: { identity: { name: 'Other Synthetic' } },
        teamId: team.body.id,
        state: 'OK',
      })
    ).body.reference,
  );
  const episode = await t.db.selectFrom('cases').select('id').where('reference', '=', caseRef).executeTakeFirstOrThrow();
  expect(episode.id).toBeTruthy();
  const plan = await call('POST', `/api/v1/cases/${caseRef}/plan`, who.sup!, {});
  planId = String((plan.body as { id?: string }).id ?? '');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('what a survivor expert cannot see', () => {
  it('answers 401 without a session, and 403 to an expert for cases, tips, plans, templates and audit', async () => {
    expect((await call('GET', '/api/v1/review/requests', null)).status).toBe(401);
    for (const url of [
      '/api/v1/cases',
      `/api/v1/cases/${caseRef}`,
      `/api/v1/cases/${caseRef}/plan`,
      '/api/v1/triage/queue',
      '/api/v1/reports',
      '/api/v1/plan-templates',
      '/api/v1/review/consultations/totals',
      '/api/v1/review/materials',
    ])
      expect((await call('GET', url, who.expert!)).status, url).toBe(403);
    if (planId) expect((await call('GET', `/api/v1/plans/${planId}/versions`, who.expert!)).status).toBe(403);
  });

  it('keeps other staff without a review permission out of review requests (403) and a missing request is 404', async () => {
    expect((await call('GET', '/api/v1/review/requests', who.analyst!)).status).toBe(403);
    expect((await call('GET', '/api/v1/review/requests/00000000-0000-4000-8000-000000000000', who.expert!)).status).toBe(404);
    expect((await call('POST', '/api/v1/review/requests', who.expert!, { kind: 'public_page_text' })).status).toBe(403);
  });
});

describe('a reviewed plan template change', () => {
  it('waits unpublished while review is on; an expert comments and approves, the owner answers and publishes', async () => {
    const first = await call('POST', '/api/v1/plan-templates', who.sup!, {
      name: 'School return',
      content: templateContent('Call the school'),
    });
    expect(first.status).toBe(201);
    expect(first.body.publishedAt).not.toBeNull();
    expect((await call('PUT', '/api/v1/review/settings/plan_template', who.expert!, { required: true })).status).toBe(403);
    expect((await call('PUT', '/api/v1/review/settings/plan_template', who.sup!, { required: true })).body).toEqual({
      kind: 'plan_template',
      required: true,
    });

    const changed = await call('PUT', `/api/v1/plan-templates/${String(first.body.familyId)}`, who.sup!, {
      name: 'School return',
      content: templateContent('Ask the young person which school they want'),
    });
    expect(changed.status).toBe(200);
    expect(changed.body.publishedAt).toBeNull();
    // While review is required, a family never reviewed is not offered, nor can a plan start from it.
    expect((await call('GET', '/api/v1/plan-templates', who.sup!)).body.items).toEqual([]);
    const refused = await call('POST', `/api/v1/cases/${freshCaseRef}/plan`, who.sup!, { templateId: first.body.id });
    expect(refused.status).toBe(400);

    const requested = await call('POST', '/api/v1/review/requests', who.sup!, { kind: 'plan_template', ref: changed.body.id });
    expect(requested.status).toBe(201);
    const id = String(requested.body.id);
    expect((await call('POST', '/api/v1/review/requests', who.sup!, { kind: 'plan_template', ref: first.body.id })).status).toBe(
      400,
    );

    const inbox = (await call('GET', '/api/v1/review/requests', who.expert!)).body.items as { id: string }[];
    expect(inbox.map((r) => r.id)).toContain(id);
    const view = (await call('GET', `/api/v1/review/requests/${id}`, who.expert!)).body as {
      diff: { op: string; text: string; line?: number }[];
      abilities: string[];
    };
    const added = view.diff.find((d) => d.op === 'added')!;
    expect(added.text).toContain('Ask the young person which school they want');
    expect(view.diff.find((d) => d.op === 'removed')?.text).toContain('Call the school');
    expect(view.abilities).toEqual(['comment', 'recommend']);

    expect(
      (await call('POST', `/api/v1/review/requests/${id}/comments`, who.expert!, { fromLine: 99, toLine: 99, body: 'x' })).status,
    ).toBe(400);
    const commented = await call('POST', `/api/v1/review/requests/${id}/comments`, who.expert!, {
      fromLine: added.line,
      toLine: added.line,
      body: 'Good: asking first. Add that the answer is written down in their words.',
    });
    expect(commented.status).toBe(201);
    const comment = (commented.body.comments as { id: string; quote: string }[])[0]!;
    expect(comment.quote).toBe(added.text);
    await call('POST', `/api/v1/review/requests/${id}/recommendation`, who.expert2!, { recommendation: 'change_needed' });
    const approved = await call('POST', `/api/v1/review/requests/${id}/recommendation`, who.expert!, {
      recommendation: 'approve',
    });
    expect(approved.body.blocks).toEqual(['unanswered_comments']);

    const early = await call('POST', `/api/v1/review/requests/${id}/publish`, who.sup!);
    expect(early.status).toBe(409);
    expect(
      (await call('POST', `/api/v1/review/requests/${id}/comments/${comment.id}/answer`, who.expert!, { answer: 'x' })).status,
    ).toBe(403);
    const answered = await call('POST', `/api/v1/review/requests/${id}/comments/${comment.id}/answer`, who.sup!, {
      answer: 'Will add it.',
    });
    expect(answered.body.blocks).toEqual([]);
    const published = await call('POST', `/api/v1/review/requests/${id}/publish`, who.sup!);
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('published');
    expect((await call('POST', `/api/v1/review/requests/${id}/publish`, who.sup!)).status).toBe(409);

    const templates = (await call('GET', '/api/v1/plan-templates', who.sup!)).body.items as {
      id: string;
      reviewedBy: string | null;
      reviewedAt: string | null;
    }[];
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ id: changed.body.id, reviewedBy: 'expert' });
    expect(templates[0]!.reviewedAt).not.toBeNull();
    expect((await call('POST', `/api/v1/cases/${freshCaseRef}/plan`, who.sup!, { templateId: changed.body.id })).status).toBe(
      201,
    );
    const catalogue = (await call('GET', '/api/v1/review/materials', who.sup!)).body as {
      materials: { kind: string; version: number; reviewedBy: string }[];
    };
    expect(catalogue.materials).toContainEqual(
      expect.objectContaining({ kind: 'plan_template', version: 1, reviewedBy: 'expert' }),
    );
  });

  it('takes page text straight from the owner, and diffs the next change against the published version', async () => {
    const make = async (proposed: string) =>
      String(
        (
          await call('POST', '/api/v1/review/requests', who.sup!, {
            kind: 'public_page_text',
            key: 'learn',
            title: 'Learn page',
            proposed,
          })
        ).body.id,
      );
    const first = await make('Line one.\nLine two.');
    await call('POST', `/api/v1/review/requests/${first}/recommendation`, who.expert!, { recommendation: 'approve' });
    expect((await call('POST', `/api/v1/review/requests/${first}/publish`, who.sup!)).status).toBe(200);
    const second = await make('Line one.\nLine 2.');
    const view = (await call('GET', `/api/v1/review/requests/${second}`, who.sup!)).body as {
      diff: { op: string }[];
      baseVersion: number;
    };
    expect(view.baseVersion).toBe(1);
    expect(view.diff.map((d) => d.op)).toEqual(['same', 'added', 'removed']);
  });
});

describe('the language suggestion list for case notes', () => {
  it('is seeded from the built-in list; a reviewed, published change is what case notes suggest from', async () => {
    const suggest = async () =>
      (
        (await call('POST', '/api/v1/cases/language-suggestions', who.sup!, { text: 'A streetwise girl with her pimp.' })).body
          .suggestions as { term: string }[]
      ).map((x) => x.term);
    expect(await suggest()).toEqual(['pimp']);
    const catalogue = (await call('GET', '/api/v1/review/materials', who.sup!)).body as {
      materials: { kind: string; key: string; version: number }[];
    };
    expect(catalogue.materials).toContainEqual(expect.objectContaining({ kind: 'language_list', key: 'case-notes', version: 1 }));
    const seeded = await t.db
      .selectFrom('review_materials')
      .select('body')
      .where('kind', '=', 'language_list')
      .executeTakeFirstOrThrow();
    const list = JSON.parse(seeded.body) as object[];
    const broken = await call('POST', '/api/v1/review/requests', who.sup!, {
      kind: 'language_list',
      key: 'case-notes',
      title: 'Language',
      proposed: '[{"id":1}]',
    });
    expect(broken.status).toBe(400);
    const proposed = JSON.stringify(
      [
        ...list,
        {
          id: 'streetwise',
          pattern: 'streetwise',
          suggestion: 'describe what she did to stay safe',
          reason: 'A label that blames the child.',
        },
      ],
      null,
      2,
    );
    const id = String(
      (
        await call('POST', '/api/v1/review/requests', who.sup!, {
          kind: 'language_list',
          key: 'case-notes',
          title: 'Language',
          proposed,
        })
      ).body.id,
    );
    expect(await suggest()).toEqual(['pimp']);
    await call('POST', `/api/v1/review/requests/${id}/recommendation`, who.expert!, { recommendation: 'approve' });
    expect((await call('POST', `/api/v1/review/requests/${id}/publish`, who.sup!)).status).toBe(200);
    expect(await suggest()).toEqual(['streetwise', 'pimp']);
  });
});

describe('consultation time', () => {
  it('lets an expert log time and see their own; supervisors see totals per expert per month', async () => {
    for (const minutes of [30, 45])
      expect(
        (
          await call('POST', '/api/v1/review/consultations', who.expert!, {
            workedOn: '2026-11-20',
            minutes,
            what: 'Template review',
          })
        ).status,
      ).toBe(201);
    expect(
      (await call('POST', '/api/v1/review/consultations', who.expert!, { workedOn: '2026-11-20', minutes: 0, what: 'x' })).status,
    ).toBe(400);
    expect(
      (await call('POST', '/api/v1/review/consultations', who.sup!, { workedOn: '2026-11-20', minutes: 5, what: 'x' })).status,
    ).toBe(403);
    const mine = (await call('GET', '/api/v1/review/consultations', who.expert!)).body.items as unknown[];
    expect(mine).toHaveLength(2);
    expect((await call('GET', '/api/v1/review/consultations', who.expert2!)).body.items).toEqual([]);
    const totals = (await call('GET', '/api/v1/review/consultations/totals', who.sup!)).body.items;
    expect(totals).toEqual([{ month: '2026-11', expert: 'expert', minutes: 75, entries: 2 }]);
  });
});

describe('audit', () => {
  it('records an entry for every read and change of review requests and time', async () => {
    const id = String(
      (
        await call('POST', '/api/v1/review/requests', who.sup!, {
          kind: 'training_module',
          key: 'intro',
          title: 'Intro',
          proposed: 'Hello.',
        })
      ).body.id,
    );
    const cases: [string, () => Promise<unknown>][] = [
      ['review.requests_listed', () => call('GET', '/api/v1/review/requests', who.expert!)],
      ['review.request_read', () => call('GET', `/api/v1/review/requests/${id}`, who.expert!)],
      [
        'review.commented',
        () => call('POST', `/api/v1/review/requests/${id}/comments`, who.expert!, { fromLine: 1, toLine: 1, body: 'Fine.' }),
      ],
      [
        'review.recommended',
        () => call('POST', `/api/v1/review/requests/${id}/recommendation`, who.expert!, { recommendation: 'approve' }),
      ],
      ['review.catalogue_read', () => call('GET', '/api/v1/review/materials', who.sup!)],
      ['review.setting_changed', () => call('PUT', '/api/v1/review/settings/training_module', who.admin!, { required: true })],
      [
        'review.time_logged',
        () => call('POST', '/api/v1/review/consultations', who.expert!, { workedOn: '2026-12-01', minutes: 10, what: 'Intro' }),
      ],
      ['review.time_read', () => call('GET', '/api/v1/review/consultations', who.expert!)],
      ['review.time_totals_read', () => call('GET', '/api/v1/review/consultations/totals', who.sup!)],
    ];
    for (const [action, run] of cases) {
      const before = await auditCount(action);
      await run();
      expect(await auditCount(action), action).toBe(before + 1);
    }
    expect(await auditCount('review.requested')).toBeGreaterThan(0);
    expect(await auditCount('review.answered')).toBeGreaterThan(0);
    expect(await auditCount('review.published')).toBeGreaterThan(0);
  });
});
