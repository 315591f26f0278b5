import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';

let t: TestDatabase;
let app: FastifyInstance;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
let caseRef = '';
let otherCaseRef = '';
const today = new Date().toISOString().slice(0, 10);

async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, by: Who, payload?: object) {
  const res = await app.inject({ method, url, headers: as(by), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}
const family = (name: string) => ({
  details: { name, contacts: [{ label: 'Father', value: '555-0142', sharedWithVolunteer: false }], noteForVolunteer: null },
  region: 'OK',
  languages: ['en'],
  experience: ['family_abduction'],
  preferences: [],
});

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  for (const [name, role] of [
    ['sup', 'supervisor'],
    ['adv', 'family_advocate'],
    ['advB', 'family_advocate'],
    ['vol', 'volunteer'],
    ['admin', 'admin'],
  ] as const) {
    ids[name] = await addStaff(t.db, built.keyring, role, `${name}@example.test`);
    who[name] = await signIn(app, `${name}@example.test`);
  }
  const team = await call('POST', '/api/v1/cases/teams', who.admin!, { name: 'Team A', members: [{ userId: ids.sup }] });
  const open = async (name: string) =>
    String(
      (
        await call('POST', '/api/v1/cases', who.sup!, {
          details: { identity: { name, dateOfBirth: '2012-03-04' } },
          teamId: team.body.id,
          state: 'OK',
        })
      ).body.reference,
    );
  caseRef = await open('Robin Synthetic-Example');
  otherCaseRef = await open('Other Synthetic-Child');
  ids.family = String((await call('POST', '/api/v1/families', who.sup!, family('The Advocated'))).body.id);
  ids.other = String((await call('POST', '/api/v1/families', who.sup!, family('The Unassigned'))).body.id);
  expect((await call('POST', `/api/v1/families/${ids.family}/cases`, who.sup!, { reference: caseRef })).status).toBe(201);
  expect((await call('POST', `/api/v1/families/${ids.family}/advocates`, who.sup!, { userId: ids.adv })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const base = '/api/v1/advocacy/families';

describe('family advocacy', () => {
  it('an advocate sees only the families assigned to them', async () => {
    const mine = await call('GET', base, who.adv!);
    expect((mine.body.items as { id: string }[]).map((f) => f.id)).toEqual([ids.family]);
    expect((await call('GET', `${base}/${ids.other}`, who.adv!)).status).toBe(404);
    expect((await call('GET', base, who.advB!)).body.items).toEqual([]);
    expect((await call('GET', `${base}/${ids.family}`, who.advB!)).status).toBe(404);
  });

  it('shows of a linked case only its reference, status and the child’s first name', async () => {
    const res = await call('GET', `${base}/${ids.family}`, who.adv!);
    expect(res.body.cases).toEqual([{ reference: caseRef, status: 'open', childFirstName: 'Robin' }]);
    expect(JSON.stringify(res.body)).not.toContain('Synthetic-Example');
    expect(JSON.stringify(res.body)).not.toContain('2012-03-04');
  });

  it('an advocate cannot read the case itself, nor tips, nor the volunteer roster', async () => {
    for (const url of [
      `/api/v1/cases/${caseRef}`,
      '/api/v1/cases',
      '/api/v1/reports',
      '/api/v1/volunteers',
      '/api/v1/my/families',
    ])
      expect((await call('GET', url, who.adv!)).status, url).toBe(403);
  });

  it('saves a support plan with a resource from the directory, a contact with a follow-up and a media request', async () => {
    const plan = {
      needs: [
        { kind: 'media_requests', note: 'Reporters calling the home.' },
        { kind: 'emotional_support', note: '' },
      ],
      resources: [{ providerId: null, providerName: 'Demo Counselling (demo)', forNeed: 'emotional_support', offeredOn: today }],
    };
    expect((await call('PUT', `${base}/${ids.family}/plan`, who.adv!, plan)).status).toBe(200);
    const contact = await call('POST', `${base}/${ids.family}/contacts`, who.adv!, {
      contactedOn: today,
      summary: 'Talked through the search update.',
      followUpOn: today,
    });
    expect(contact.status).toBe(201);
    const media = await call('POST', `${base}/${ids.family}/media-requests`, who.adv!, {
      caseReference: caseRef,
      requestedOn: today,
      outlet: 'Demo Evening News',
      asked: 'An interview with the parents',
      answeredBy: 'Advocate on duty',
      agreedWithFamily: 'A written statement only',
    });
    expect(media.status).toBe(201);
    const res = await call('GET', `${base}/${ids.family}`, who.adv!);
    expect(res.body).toMatchObject({
      plan,
      contacts: [{ summary: 'Talked through the search update.', followUpOn: today, followUpDue: true }],
      mediaRequests: [{ caseReference: caseRef, outlet: 'Demo Evening News', agreedWithFamily: 'A written statement only' }],
    });
    const done = await call('POST', `${base}/${ids.family}/contacts/${String(contact.body.id)}/done`, who.adv!);
    expect(done.status).toBe(200);
    const after = await call('GET', base, who.adv!);
    expect(after.body.items).toMatchObject([{ nextFollowUpOn: null }]);
  });

  it('refuses a media request about a case not linked to the family', async () => {
    const res = await call('POST', `${base}/${ids.family}/media-requests`, who.adv!, {
      caseReference: otherCaseRef,
      requestedOn: today,
      outlet: 'Demo Radio',
      asked: 'A comment',
      answeredBy: null,
      agreedWithFamily: null,
    });
    expect(res.status).toBe(404);
  });

  it('another advocate cannot write to the family', async () => {
    const res = await call('POST', `${base}/${ids.family}/contacts`, who.advB!, {
      contactedOn: today,
      summary: 'x',
      followUpOn: null,
    });
    expect(res.status).toBe(404);
  });

  it('only a staff account with the advocate role can be assigned; a need outside the list is refused by name', async () => {
    const res = await call('POST', `/api/v1/families/${ids.family}/advocates`, who.sup!, { userId: ids.vol });
    expect(res.status).toBe(400);
    const bad = await call('PUT', `${base}/${ids.family}/plan`, who.adv!, {
      needs: [{ kind: 'ransom', note: '' }],
      resources: [],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('needs.0.kind');
  });

  it('refuses a resource whose directory id is unknown, naming the field', async () => {
    const res = await call('PUT', `${base}/${ids.family}/plan`, who.adv!, {
      needs: [],
      resources: [
        { providerId: '00000000-0000-4000-8000-000000000000', providerName: 'Made up', forNeed: 'travel', offeredOn: today },
      ],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('resources.0.providerId');
  });

  it('a supervisor sees who is assigned and who could be; an advocate may not', async () => {
    const res = await call('GET', `/api/v1/families/${ids.family}/advocates`, who.sup!);
    expect(res.status).toBe(200);
    expect((res.body.assigned as { id: string }[]).map((a) => a.id)).toEqual([ids.adv]);
    expect((res.body.assignable as { id: string }[]).map((a) => a.id)).toEqual([ids.advB]);
    expect((await call('GET', `/api/v1/families/${ids.family}/advocates`, who.adv!)).status).toBe(403);
  });

  it('an advocate taken off a family no longer reaches any of it', async () => {
    expect((await call('POST', `/api/v1/families/${ids.other}/advocates`, who.sup!, { userId: ids.advB })).status).toBe(201);
    expect((await call('GET', `${base}/${ids.other}`, who.advB!)).status).toBe(200);
    expect((await call('DELETE', `/api/v1/families/${ids.other}/advocates/${ids.advB}`, who.sup!)).status).toBe(200);
    expect((await call('GET', base, who.advB!)).body.items).toEqual([]);
    expect((await call('GET', `${base}/${ids.other}`, who.advB!)).status).toBe(404);
    const write = await call('POST', `${base}/${ids.other}/contacts`, who.advB!, {
      contactedOn: today,
      summary: 'x',
      followUpOn: null,
    });
    expect(write.status).toBe(404);
    // Taking off twice is harmless; a family that does not exist is not found.
    expect((await call('DELETE', `/api/v1/families/${ids.other}/advocates/${ids.advB}`, who.sup!)).status).toBe(200);
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await call('DELETE', `/api/v1/families/${none}/advocates/${ids.advB}`, who.sup!)).status).toBe(404);
  });
});
