import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let coordinator: SignedInStaff;
let volunteer: SignedInStaff;
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
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('peer support volunteers', () => {
  let familyId = '';
  let peerId = '';

  it('the coordinator sees a background check that runs out next month and renews it', async () => {
    peerId = await addVolunteer('Pat Peer (demo)', { livedExperience: ['runaway'], accountEmail: 'peer@example.test' }, null);
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
    const res = await coordinator.page.request.get(`${server.url}/api/v1/families/${familyId}/shortlist`);
    const list = (await res.json()) as { proposals: { volunteerId: string; reasons: string[] }[] };
    expect(list.proposals[0]).toMatchObject({ volunteerId: peerId });
    expect(list.proposals[0]!.reasons).toContain('Lived experience: runaway');
    const match = await post(coordinator, `/api/v1/families/${familyId}/matches`, { volunteerId: peerId });
    await post(coordinator, `/api/v1/matches/${String(match.id)}/consent`, { consentOn: today });
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
