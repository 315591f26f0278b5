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
const PROVIDER_CSV = [
  'provider_code,name,zip,languages,areas,service,needs,phone,genders,min_age,max_age',
  'E2E-FAM,Riverbend Family Counselling (demo),74103,English,state:OK,mental_health,mental_health,(918) 555-0143,,,',
].join('\n');
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

  it('the coordinator adds a volunteer to the roster and records a stage in the app', async () => {
    const page = coordinator.page;
    await page.goto(`${server.url}/app/volunteers`);
    await page.getByRole('heading', { name: 'Add a volunteer', level: 2 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Robin Roster (demo)');
    await page.getByLabel('States served (comma-separated codes, e.g. OK, TX)').fill('ok');
    await page.locator('label[for="volunteer-experience-recovery"]').click();
    await page.getByRole('button', { name: 'Add the volunteer' }).click();
    await page.getByText('Robin Roster (demo) added to the roster.').waitFor();
    await page.getByRole('rowheader', { name: 'Robin Roster (demo)' }).waitFor();
    await page.getByLabel('Volunteer', { exact: true }).selectOption({ label: 'Robin Roster (demo)' });
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Application' });
    await page.getByRole('button', { name: 'Record the stage' }).click();
    await page.getByText('Application recorded for Robin Roster (demo).').waitFor();
    const row = page.getByRole('row', { name: /Robin Roster \(demo\)/ });
    expect(await row.textContent()).toContain('Background check');
    await expectAccessible(page, 'the roster with its forms');
  });

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

  it('the coordinator records the monthly check-in, then ends the match; the volunteer no longer sees the family', async () => {
    const page = coordinator.page;
    await page.goto(`${server.url}/app/volunteers/match`);
    await page.getByRole('heading', { name: 'Check-ins due', level: 2 }).waitFor();
    await page.getByText(/Next check-in \d{4}-\d{2}-\d{2} \(upcoming\)/).waitFor();
    await page.getByRole('button', { name: 'Record today’s check-in with Pat Peer (demo)' }).click();
    await page.getByText('Check-in recorded for Pat Peer (demo) and The Lark family (demo).').waitFor();
    await page.getByText(`last on ${today}`).waitFor();
    await page.getByRole('button', { name: 'End the match of Pat Peer (demo) and The Lark family (demo)' }).click();
    await page.getByLabel('Why it ends').selectOption('goals_met');
    await expectAccessible(page, 'the match page, ending a match');
    await page.getByRole('button', { name: 'End the match', exact: true }).click();
    await page.getByText('The match of Pat Peer (demo) and The Lark family (demo) has ended.').waitFor();
    await expect.poll(() => page.getByText('Matched with Pat Peer (demo)').count()).toBe(0);

    const mine = volunteer.page;
    await mine.goto(`${server.url}/app/my/families`);
    await mine.getByText('You have no family to call yet.').waitFor();
    expect(await mine.getByText('555-0188').count()).toBe(0);
    const listed = (await (await mine.request.get(`${server.url}/api/v1/my/families`)).json()) as { items: unknown[] };
    expect(listed.items).toEqual([]);
  });
});

describe('family advocacy', () => {
  let reference = '';

  it('a supervisor adds a family in the app, links a case and assigns an advocate', async () => {
    const team = await post(admin, '/api/v1/cases/teams', {
      name: 'Family team',
      members: [{ userId: coordinator.id, supervises: true }],
    });
    const kase = await post(coordinator, '/api/v1/cases', {
      details: { identity: { name: 'Wren Synthetic-Example', dateOfBirth: '2011-02-03' } },
      teamId: team.id,
      state: 'OK',
    });
    reference = String(kase.reference);
    await post(coordinator, '/api/v1/providers/import', { csv: PROVIDER_CSV });

    const page = coordinator.page;
    await page.goto(`${server.url}/app/families`);
    await page.getByLabel('Family name').fill('The Wren family (demo)');
    await page.getByLabel('State', { exact: true }).selectOption('OK');
    await page.getByLabel('Contact (who, e.g. Mother, mobile)').fill('Father (mobile)');
    await page.getByLabel('Number or address').fill('555-0177');
    await expectAccessible(page, 'the families page with the form to add one');
    await page.getByRole('button', { name: 'Add the family' }).click();
    await page.getByRole('heading', { name: 'The Wren family (demo)', level: 1 }).waitFor();
    await page.getByLabel('Case reference to link').fill(reference);
    await page.getByRole('button', { name: 'Link the case' }).click();
    await page.getByText(`${reference}: Wren (open)`).waitFor();
    await page.getByLabel('Advocate to assign').selectOption(advocate.id);
    await page.getByRole('button', { name: 'Assign the advocate' }).click();
    await page.getByRole('button', { name: /^Take .+ off the family$/ }).waitFor();
    await expectAccessible(page, 'the supervisor’s family page');
  });

  it('an advocate opens a family’s plan linked to a case, edits it with a resource from the directory, records a media request and a follow-up', async () => {
    const page = advocate.page;
    await page.goto(`${server.url}/app/families`);
    await page.getByRole('link', { name: 'The Wren family (demo)' }).click();
    await page.getByRole('heading', { name: 'The Wren family (demo)', level: 1 }).waitFor();
    await page.getByText(`${reference}: Wren (open)`).waitFor();
    expect(await page.getByText('Synthetic-Example').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Cases and advocates' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Edit the support plan' }).click();
    await page.locator('label[for="need-media_requests"]').click();
    await page.getByLabel('Note on media requests').fill('Reporters at the door.');
    await page.locator('label[for="need-emotional_support"]').click();
    await page.getByRole('button', { name: 'Find resources in OK from the directory' }).click();
    await page.getByLabel('Provider from the directory').selectOption({ label: 'Riverbend Family Counselling (demo)' });
    await page.getByLabel('For the need').selectOption('emotional_support');
    await page.getByRole('button', { name: 'Add the resource' }).click();
    await expectAccessible(page, 'the support plan form');
    await page.getByRole('button', { name: 'Save the support plan' }).click();
    await page.getByText('Media requests: Reporters at the door.').waitFor();
    await page.getByText(/^Riverbend Family Counselling \(demo\) for emotional support, offered/).waitFor();

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

  it('the supervisor takes the advocate off the family; the advocate no longer sees it', async () => {
    const page = coordinator.page;
    await page.getByRole('button', { name: /^Take .+ off the family$/ }).click();
    await page.getByText('No advocate is assigned.').waitFor();
    const mine = advocate.page;
    await mine.goto(`${server.url}/app/families`);
    await mine.getByText('No family is assigned to you.').waitFor();
  });
});
