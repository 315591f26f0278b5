import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let coordinator: SignedInStaff;
let volunteer: SignedInStaff;
let advocate: SignedInStaff;
let admin: SignedInStaff;
const password = 'a long peer support passphrase for tests';
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const STAGES = ['application', 'background_check', 'training', 'interview', 'confidentiality'];

async function post(who: SignedInStaff, url: string, data: object) {
  const res = await who.page.request.post(`${server.url}${url}`, { headers: { 'X-CSRF-Token': who.csrf }, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}
async function addVolunteer(name: string, extra: object, backgroundUntil: string | null) {
  const { id } = await post(coordinator, '/api/v1/volunteers', {
    name,
    languages: ['en'],
    regions: ['OK'],
    livedExperience: [],
    preferences: [],
    familyLimit: 2,
    ...extra,
  });
  for (const stage of STAGES)
    await post(coordinator, `/api/v1/volunteers/${String(id)}/stages`, {
      stage,
      completedOn: inDays(-200),
      validUntil: stage === 'background_check' ? backgroundUntil : null,
    });
  return String(id);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  coordinator = await newSignedInStaff(browser, server, {
    email: 'coord@example.test',
    role: 'supervisor',
    password,
    landing: 'Tips to triage',
  });
  volunteer = await newSignedInStaff(browser, server, {
    email: 'peer@example.test',
    role: 'volunteer',
    password,
    landing: 'Your families',
  });
  advocate = await newSignedInStaff(browser, server, {
    email: 'advocate@example.test',
    role: 'family_advocate',
    password,
    landing: 'Families',
  });
  admin = await newSignedInStaff(browser, server, { email: 'fadmin@example.test', role: 'admin', password, landing: 'Staff' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('peer support volunteers', () => {
  let familyId = '';

  it('the coordinator sees a background check that runs out next month and renews it', async () => {
    await addVolunteer('Pat Peer (demo)', { livedExperience: ['runaway'], accountEmail: 'peer@example.test' }, null);
    await addVolunteer('Sam Soon (demo)', {}, inDays(30));
    const page = coordinator.page;
    await page.goto(`${server.url}/app/volunteers`);
    await page.getByRole('heading', { name: 'Volunteers', level: 1 }).waitFor();
    const renewal = page.getByRole('button', { name: 'Record renewal of background check for Sam Soon (demo)' });
    await renewal.waitFor();
    await expectAccessible(page, 'the volunteer roster');
    await renewal.click();
    await page.getByText('Background check renewed for Sam Soon (demo).').waitFor();
    expect(await page.getByText('Nothing runs out in the next 45 days.').isVisible()).toBe(true);
  });

  it('Beacon shortlists volunteers with reasons; the coordinator confirms and records consent', async () => {
    const family = await post(coordinator, '/api/v1/families', {
      details: {
        name: 'The Lark family (demo)',
        contacts: [
          { label: 'Mother (mobile)', value: '555-0188', sharedWithVolunteer: true },
          { label: 'Home address', value: '4 Quiet Road, Demo Town', sharedWithVolunteer: false },
        ],
        noteForVolunteer: 'Evenings are best.',
      },
      region: 'OK',
      languages: ['en'],
      experience: ['runaway'],
      preferences: [],
    });
    familyId = String(family.id);
    expect(familyId).not.toBe('');
    const page = coordinator.page;
    await page.goto(`${server.url}/app/volunteers/match`);
    await page.getByRole('button', { name: 'Show the shortlist for The Lark family (demo)' }).click();
    const proposals = page.getByRole('list', { name: 'Proposed volunteers for The Lark family (demo)' });
    await proposals.waitFor();
    expect(await proposals.getByRole('listitem').first().textContent()).toContain('Pat Peer (demo): Approved');
    await proposals.getByText('Lived experience: runaway').first().waitFor();
    await expectAccessible(page, 'the match page');
    await page.getByRole('button', { name: 'Confirm Pat Peer (demo)' }).click();
    await page.getByRole('button', { name: 'Record the family’s consent for Pat Peer (demo)' }).click();
    await page.getByText(`Consent recorded on ${today}.`).waitFor();
  });

  it('the volunteer sees only that family’s shared contact and logs a call', async () => {
    const page = volunteer.page;
    await page.goto(`${server.url}/app/my/families`);
    await page.getByRole('heading', { name: 'The Lark family (demo)', level: 2 }).waitFor();
    expect(await page.getByText('Mother (mobile): 555-0188').isVisible()).toBe(true);
    expect(await page.getByText('4 Quiet Road').count()).toBe(0);
    await expectAccessible(page, 'the volunteer’s families');
    await page.getByLabel('Length in minutes').fill('25');
    await page.getByLabel('Topics').fill('the search, sleep');
    await page.locator('label', { hasText: 'Follow-up needed' }).click();
    await page.getByRole('button', { name: 'Log the call' }).click();
    await page.getByText('Call logged.').waitFor();
    await page.getByRole('cell', { name: 'the search, sleep' }).waitFor();
    const cases = await page.request.get(`${server.url}/api/v1/cases`);
    expect(cases.status()).toBe(403);
  });
});

describe('family advocacy', () => {
  it('an advocate opens a family’s plan linked to a case, records a media request and a follow-up', async () => {
    const team = await post(admin, '/api/v1/cases/teams', {
      name: 'Family team',
      members: [{ userId: coordinator.id, supervises: true }],
    });
    const kase = await post(coordinator, '/api/v1/cases', {
      details: { identity: { name: 'Wren Synthetic-Example', dateOfBirth: '2011-02-03' } },
      teamId: team.id,
      state: 'OK',
    });
    const reference = String(kase.reference);
    const family = await post(coordinator, '/api/v1/families', {
      details: { name: 'The Wren family (demo)', contacts: [], noteForVolunteer: null },
      region: 'OK',
      languages: ['en'],
      experience: [],
      preferences: [],
    });
    const familyId = String(family.id);
    await post(coordinator, `/api/v1/families/${familyId}/cases`, { reference });
    await post(coordinator, `/api/v1/families/${familyId}/advocates`, { userId: advocate.id });
    const res = await advocate.page.request.put(`${server.url}/api/v1/advocacy/families/${familyId}/plan`, {
      headers: { 'X-CSRF-Token': advocate.csrf },
      data: { needs: [{ kind: 'media_requests', note: 'Reporters at the door.' }], resources: [] },
    });
    expect(res.status()).toBe(200);

    const page = advocate.page;
    await page.goto(`${server.url}/app/families`);
    await page.getByRole('link', { name: 'The Wren family (demo)' }).click();
    await page.getByRole('heading', { name: 'The Wren family (demo)', level: 1 }).waitFor();
    await page.getByText(`${reference}: Wren (open)`).waitFor();
    expect(await page.getByText('Synthetic-Example').count()).toBe(0);
    await page.getByText('Media requests: Reporters at the door.').waitFor();
    await page.getByLabel('Outlet').fill('Demo Evening News');
    await page.getByLabel('What was asked').fill('An interview with the parents');
    await page.getByLabel('Agreed with the family').fill('A written statement only');
    await page.getByRole('button', { name: 'Record the media request' }).click();
    await page.getByText('Agreed with the family: A written statement only').waitFor();
    await page.getByLabel('What was said').fill('Talked through the statement.');
    await page.getByLabel('Follow up on (yyyy-mm-dd, optional)').fill(inDays(7));
    await page.getByRole('button', { name: 'Record the contact' }).click();
    await page.getByText(`follow-up on ${inDays(7)}`).waitFor();
    await expectAccessible(page, 'the advocate’s family page');
    expect((await page.request.get(`${server.url}/api/v1/cases/${reference}`)).status()).toBe(403);
  });
});
