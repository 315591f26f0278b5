import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';
import { familySupportCounts, peerCallCounts } from './index.ts';
import { addDays } from '../core/dates.ts';
import { VOLUNTEER_STAGES } from './rules/approval.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const today = new Date().toISOString().slice(0, 10);

async function call(method: 'GET' | 'POST', url: string, by: Who, payload?: object) {
  const res = await app.inject({ method, url, headers: as(by), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}
const okId = async (method: 'POST', url: string, payload: object) => {
  const res = await call(method, url, who.sup!, payload);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return String(res.body.id);
};

async function volunteer(name: string, extra: object, stages: { stage: string; validUntil: string | null }[]) {
  const id = await okId('POST', '/api/v1/volunteers', {
    name,
    languages: ['en'],
    regions: ['OK'],
    livedExperience: [],
    preferences: [],
    familyLimit: 1,
    ...extra,
  });
  for (const s of stages) await okId('POST', `/api/v1/volunteers/${id}/stages`, { ...s, completedOn: addDays(today, -100) });
  return id;
}
const all = (validUntil: string | null = null) => VOLUNTEER_STAGES.map((stage) => ({ stage, validUntil }));

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['sup', 'supervisor'],
    ['vol', 'volunteer'],
    ['volB', 'volunteer'],
    ['rec', 'recovery'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const family = (name: string, region: string) => ({
    details: {
      name,
      contacts: [
        { label: 'Mother', value: `555-01${region === 'OK' ? '11' : '22'}`, sharedWithVolunteer: true },
        { label: 'Home address', value: '9 Hidden Lane', sharedWithVolunteer: false },
      ],
      noteForVolunteer: 'Evenings are best.',
    },
    region,
    languages: ['en'],
    experience: ['runaway'],
    preferences: [],
  });
  ids.family = await okId('POST', '/api/v1/families', family('The Testers', 'OK'));
  ids.otherFamily = await okId('POST', '/api/v1/families', family('The Others', 'OK'));
  ids.close = await volunteer('Close Match', { livedExperience: ['runaway'], accountEmail: 'vol@example.test' }, all());
  ids.plain = await volunteer('Plain Match', { accountEmail: 'volb@example.test' }, all());
  ids.expiring = await volunteer(
    'Soon Expiring',
    {},
    all().map((s) => (s.stage === 'background_check' ? { ...s, validUntil: addDays(today, 30) } : s)),
  );
  ids.lapsed = await volunteer('Lapsed Check', { livedExperience: ['runaway'] }, [
    ...all().filter((s) => s.stage !== 'background_check'),
    { stage: 'background_check', validUntil: addDays(today, -1) },
  ]);
  ids.full = await volunteer('Full Up', { livedExperience: ['runaway'], familyLimit: 0 }, all());
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('volunteer roster', () => {
  it('computes approval and raises the background check that runs out next month', async () => {
    const res = await call('GET', '/api/v1/volunteers', who.sup!);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as {
      name: string;
      approval: { approved: boolean; missing: string[] };
      expiring: { stage: string }[];
    }[];
    const by = (n: string) => items.find((i) => i.name === n)!;
    expect(by('Close Match').approval.approved).toBe(true);
    expect(by('Lapsed Check').approval).toMatchObject({ approved: false, missing: ['background_check'] });
    expect(by('Soon Expiring').expiring.map((e) => e.stage)).toEqual(['background_check']);
  });

  it('a renewal clears the reminder', async () => {
    await okId('POST', `/api/v1/volunteers/${ids.expiring}/stages`, {
      stage: 'background_check',
      completedOn: today,
      validUntil: addDays(today, 730),
    });
    const res = await call('GET', '/api/v1/volunteers', who.sup!);
    const soon = (res.body.items as { name: string; expiring: unknown[] }[]).find((i) => i.name === 'Soon Expiring')!;
    expect(soon.expiring).toEqual([]);
  });

  it('names the field when a stage is malformed', async () => {
    const res = await call('POST', `/api/v1/volunteers/${ids.plain}/stages`, who.sup!, {
      stage: 'interview',
      completedOn: today,
      validUntil: addDays(today, -3),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('validUntil');
  });
});

describe('matching', () => {
  it('shortlists approved volunteers with room, closest lived experience first, with reasons', async () => {
    const res = await call('GET', `/api/v1/families/${ids.family}/shortlist`, who.sup!);
    const proposals = res.body.proposals as { volunteerId: string; reasons: string[] }[];
    expect(proposals[0]!.volunteerId).toBe(ids.close);
    expect(proposals[0]!.reasons).toContain('Lived experience: runaway');
    const proposed = proposals.map((p) => p.volunteerId);
    expect(proposed).not.toContain(ids.lapsed);
    expect(proposed).not.toContain(ids.full);
  });

  it('refuses to confirm a volunteer Beacon did not propose', async () => {
    const res = await call('POST', `/api/v1/families/${ids.family}/matches`, who.sup!, { volunteerId: ids.lapsed });
    expect(res.status).toBe(409);
  });

  it('shows the volunteer nothing of the family until consent is recorded, then only what is shared', async () => {
    ids.match = await okId('POST', `/api/v1/families/${ids.family}/matches`, { volunteerId: ids.close });
    expect((await call('GET', '/api/v1/my/families', who.vol!)).body.items).toEqual([]);
    expect((await call('POST', `/api/v1/my/families/${ids.match}/calls`, who.vol!, callBody)).status).toBe(404);

    expect((await call('POST', `/api/v1/matches/${ids.match}/consent`, who.sup!, { consentOn: today })).status).toBe(200);
    const mine = await call('GET', '/api/v1/my/families', who.vol!);
    const items = mine.body.items as { familyName: string; contacts: { label: string }[] }[];
    expect(items).toHaveLength(1);
    expect(items[0]!.familyName).toBe('The Testers');
    expect(items[0]!.contacts.map((c) => c.label)).toEqual(['Mother']);
    expect(mine.body).not.toHaveProperty('items.0.caseReference');
    expect(JSON.stringify(mine.body)).not.toContain('Hidden Lane');
  });
});

const callBody = { calledOn: today, minutes: 30, topics: ['the search'], followUpNeeded: true, note: 'Call back Friday.' };

describe('a volunteer', () => {
  it('logs a call with their family, and sees it', async () => {
    expect((await call('POST', `/api/v1/my/families/${ids.match}/calls`, who.vol!, callBody)).status).toBe(201);
    const mine = await call('GET', '/api/v1/my/families', who.vol!);
    expect(mine.body).toMatchObject({ items: [{ calls: [{ minutes: 30, followUpNeeded: true, note: 'Call back Friday.' }] }] });
  });

  it('cannot log a call on another volunteer’s match, nor see their families', async () => {
    expect((await call('POST', `/api/v1/my/families/${ids.match}/calls`, who.volB!, callBody)).status).toBe(404);
    expect((await call('GET', '/api/v1/my/families', who.volB!)).body.items).toEqual([]);
  });

  it('cannot reach cases, tips, plans, the roster or other families', async () => {
    for (const url of [
      '/api/v1/cases',
      '/api/v1/reports',
      '/api/v1/plan-templates',
      '/api/v1/volunteers',
      '/api/v1/families',
      `/api/v1/families/${ids.otherFamily}/shortlist`,
    ])
      expect((await call('GET', url, who.vol!)).status, url).toBe(403);
  });

  it('staff without the coordinator permission cannot see the roster or families', async () => {
    expect((await call('GET', '/api/v1/volunteers', who.rec!)).status).toBe(403);
    expect((await call('GET', '/api/v1/families', who.rec!)).status).toBe(403);
  });

  it('counts peer-support calls by month for statistics, and nothing about who called', async () => {
    expect(await peerCallCounts(t.db, addDays(today, -40), today)).toEqual([{ month: today.slice(0, 7), calls: 1, minutes: 30 }]);
  });

  it('counts families supported, matches in force and calls by month for statistics', async () => {
    const rows = await familySupportCounts(t.db, new Date(`${today.slice(0, 7)}-01T00:00:00Z`));
    expect(rows).toEqual([{ month: today.slice(0, 7), familiesSupported: 1, activeMatches: 1, peerCalls: 1 }]);
  });
});

type Listed = { id: string; name: string; matches: { id: string; lastCheckInOn: string | null; nextCheckIn: unknown }[] };
const testers = async () =>
  ((await call('GET', '/api/v1/families', who.sup!)).body.items as Listed[]).find((f) => f.name === 'The Testers')!;

describe('a match over time', () => {
  it('shows the first monthly check-in a month after the start, and a recorded one moves it on', async () => {
    const before = (await testers()).matches[0]!;
    expect(before).toMatchObject({ lastCheckInOn: null, nextCheckIn: { state: 'upcoming' } });
    const res = await call('POST', `/api/v1/matches/${ids.match}/check-ins`, who.sup!, {
      checkedOn: today,
      concernRaised: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await testers()).matches[0]!.lastCheckInOn).toBe(today);
  });

  it('names the field when a check-in or an ending is malformed, and refuses an end in the future', async () => {
    const bad = await call('POST', `/api/v1/matches/${ids.match}/check-ins`, who.sup!, {
      checkedOn: 'soon',
      concernRaised: false,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('checkedOn');
    const noReason = await call('POST', `/api/v1/matches/${ids.match}/end`, who.sup!, { endedOn: today, reason: 'bored' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const future = await call('POST', `/api/v1/matches/${ids.match}/end`, who.sup!, {
      endedOn: addDays(today, 3),
      reason: 'other',
    });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('endedOn');
  });

  it('a volunteer can neither record a check-in nor end a match', async () => {
    expect(
      (await call('POST', `/api/v1/matches/${ids.match}/check-ins`, who.vol!, { checkedOn: today, concernRaised: false })).status,
    ).toBe(403);
    expect((await call('POST', `/api/v1/matches/${ids.match}/end`, who.vol!, { endedOn: today, reason: 'other' })).status).toBe(
      403,
    );
  });

  it('an ended match takes the family out of the volunteer’s view at once, and no call can be logged on it', async () => {
    const end = await call('POST', `/api/v1/matches/${ids.match}/end`, who.sup!, { endedOn: today, reason: 'goals_met' });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
    expect((await call('GET', '/api/v1/my/families', who.vol!)).body.items).toEqual([]);
    expect((await call('POST', `/api/v1/my/families/${ids.match}/calls`, who.vol!, callBody)).status).toBe(404);
    expect((await testers()).matches).toEqual([]);
  });

  it('an ended match takes no check-in and cannot end twice', async () => {
    const again = await call('POST', `/api/v1/matches/${ids.match}/end`, who.sup!, { endedOn: today, reason: 'other' });
    expect(again.status).toBe(409);
    const check = await call('POST', `/api/v1/matches/${ids.match}/check-ins`, who.sup!, {
      checkedOn: today,
      concernRaised: true,
    });
    expect(check.status).toBe(409);
  });
});
