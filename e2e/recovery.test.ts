import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolAndSignIn, expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let specialist: SignedInStaff;
let supervisor: SignedInStaff;
let reference = '';
const password = 'a long recovery passphrase for tests';
const fosterEmail = 'foster.parent@example.test';
const words = 'I want to stay with the same family and go back to my old school.';

const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const alert = (page: Page) => page.locator('.usa-alert').last();
const PROVIDER_CSV = [
  'provider_code,name,zip,languages,areas,service,needs,phone,genders,min_age,max_age',
  'E2E-DENT,Riverbend Youth Dental (demo),74103,English; Spanish,state:OK,medical,medical_dental,(918) 555-0142,,,',
  'E2E-FAR,Prairie Clinic (demo),73102,English,state:OK,medical,medical_dental,(405) 555-0160,,,',
].join('\n');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  specialist = await newSignedInStaff(browser, server, {
    email: 'rs@example.test',
    role: 'recovery',
    password,
    landing: 'Cases',
  });
  supervisor = await newSignedInStaff(browser, server, {
    email: 'rsup@example.test',
    role: 'supervisor',
    password,
    landing: 'Tips to triage',
  });
  const admin = await newSignedInStaff(browser, server, {
    email: 'radmin@example.test',
    role: 'admin',
    password,
    landing: 'Staff',
  });
  const post = async (who: SignedInStaff, url: string, data: object) => {
    const res = await who.page.request.post(`${server.url}${url}`, { headers: { 'X-CSRF-Token': who.csrf }, data });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const team = await post(admin, '/api/v1/cases/teams', {
    name: 'Recovery team',
    members: [{ userId: specialist.id }, { userId: supervisor.id, supervises: true }],
  });
  const kase = await post(supervisor, '/api/v1/cases', {
    details: { identity: { name: 'Marigold Synthetic-Example', dateOfBirth: '2010-03-14', languages: ['en'] } },
    teamId: team.id,
    state: 'OK',
  });
  reference = String(kase.reference);
  await post(supervisor, `/api/v1/cases/${reference}/episodes`, {
    leftFrom: 'placement',
    knownMissingAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
    recovery: { recoveredAt: new Date(Date.now() - 5 * 86_400_000).toISOString() },
  });
  await post(supervisor, '/api/v1/plan-templates', {
    name: 'First weeks after recovery',
    content: {
      needs: [
        {
          domain: 'medical_dental',
          description: 'Untreated dental pain',
          goals: [
            {
              description: 'Dental care finished',
              measure: 'The dentist says treatment is complete',
              targetInDays: 60,
              actions: [{ description: 'Drive her to the dental appointment', ownerKind: 'foster_parent', dueInDays: 10 }],
            },
          ],
        },
      ],
    },
  });
  await post(supervisor, '/api/v1/providers/import', { csv: PROVIDER_CSV });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a recovery specialist plans with a recovered child and the people around her', () => {
  it('opens the plan from a template, records her own words and the people who took part, and saves a version', async () => {
    const page = specialist.page;
    await page.goto(`${server.url}/app/cases/${reference}`);
    await page.getByRole('link', { name: 'Victim assistance plan' }).click();
    await page.getByRole('heading', { name: 'Victim assistance plan', level: 1 }).waitFor();
    await page.getByLabel('Start from').selectOption({ label: 'First weeks after recovery (version 1)' });
    await press(page, 'Start the plan');
    await page.getByRole('heading', { name: 'Victim assistance plan for Marigold', level: 1 }).waitFor();
    expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('Drive her to the dental appointment');

    await page.getByLabel('What the young person wants').fill(words);
    await press(page, 'Add a participant');
    await page.locator('#participant-0-kind').selectOption('young_person');
    await page.locator('#participant-0-name').fill('Marigold');
    await press(page, 'Add a participant');
    await page.locator('#participant-1-kind').selectOption('guardian');
    await page.locator('#participant-1-name').fill('Her mother');
    await page.locator('label[for="participant-1-took-part"]').click();
    await page.locator('#participant-1-reason').fill('Parental rights were ended by the court.');
    await press(page, 'Add a participant');
    await page.locator('#participant-2-kind').selectOption('foster_parent');
    await page.locator('#participant-2-name').fill('Robin Fosterfield');
    await press(page, 'Save the plan (a new version)');
    await expect.poll(() => page.getByTestId('plan-version').textContent()).toBe('2');

    // The action belongs to the foster parent now listed on the plan.
    await page.locator('#need-0-goal-0-action-0-person').selectOption({ label: 'Robin Fosterfield' });
    await press(page, 'Save the plan (a new version)');
    await expect.poll(() => page.getByTestId('plan-version').textContent()).toBe('3');
    await expect.poll(() => page.getByTestId('plan-state').textContent()).toBe('Draft');
    await expectAccessible(page, 'the assistance plan');
  });

  it('compares two versions side by side', async () => {
    const page = specialist.page;
    await page.locator('#compare-from').selectOption('1');
    await page.locator('#compare-to').selectOption('3');
    await press(page, 'Compare the versions');
    const table = page.getByRole('table', { name: /side by side/ });
    await expect.poll(() => table.textContent()).toContain(words);
    await expect
      .poll(() => table.getByRole('row').filter({ hasText: 'Robin Fosterfield' }).first().textContent())
      .toContain('Added');
  });

  it('invites the foster parent, who signs in with a second factor and sees only that plan, and marks the action done', async () => {
    const page = specialist.page;
    await page.getByLabel('Email address to invite Robin Fosterfield').fill(fosterEmail);
    await press(page, 'Invite Robin Fosterfield to see this plan');
    const link = (await page.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/app\/setup\?token=/);

    const foster = await (await browser.newContext()).newPage();
    foster.setDefaultTimeout(15_000);
    await foster.goto(link);
    await foster.getByLabel('New password', { exact: true }).fill(password);
    await foster.getByLabel('New password again').fill(password);
    await foster.getByRole('button', { name: 'Set password' }).click();
    await foster.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await enrolAndSignIn(foster, server.url, fosterEmail, password, 'Plans you help with');
    await foster.getByRole('link', { name: /^Plan 1/ }).click();
    await foster.getByRole('heading', { name: 'Your part of the plan' }).waitFor();
    await foster.getByTestId('my-action').first().waitFor();
    const body = (await foster.locator('#main-content').textContent()) ?? '';
    expect(body).toContain('Drive her to the dental appointment');
    expect(body).not.toContain('Marigold');
    expect(body).not.toContain(words);
    expect(body).not.toContain(reference);
    const caseAnswer = await foster.request.get(`${server.url}/api/v1/cases/${reference}`);
    expect(caseAnswer.status()).toBe(403);
    await expectAccessible(foster, 'the participant’s plan');

    await foster.getByRole('button', { name: 'Mark done' }).click();
    await expect.poll(() => foster.getByTestId('my-action').textContent()).toContain('Done');

    await page.reload();
    await expect.poll(() => page.getByText('(outside participant)').count()).toBeGreaterThan(0);
  });

  it('refuses a referral without consent, then finds a provider by need and ZIP, records consent and follows the referral', async () => {
    const page = specialist.page;
    await page.getByLabel('Need', { exact: true }).selectOption('medical_dental');
    await page.getByLabel('ZIP code').fill('74103');
    await press(page, 'Find providers');
    const results = page.getByRole('list', { name: 'Providers, nearest first' });
    await expect.poll(() => results.getByRole('listitem').first().textContent()).toContain('Riverbend Youth Dental (demo)');
    await press(page, 'Choose Riverbend Youth Dental (demo)');
    await page.getByLabel('Kind of provider (for consent)').selectOption('health');
    await press(page, 'Send the referral');
    await expect.poll(() => alert(page).textContent()).toMatch(/no recorded consent/i);

    await page.getByLabel('Who consented').selectOption('young_person');
    await page.getByLabel('To share with').selectOption('health');
    await press(page, 'Record the consent');
    await expect.poll(() => page.getByRole('list', { name: 'Consents' }).textContent()).toContain('Given by the young person');
    await press(page, 'Send the referral');
    const state = page.locator('[data-testid^="referral-state-"]').first();
    await expect.poll(() => state.textContent()).toBe('In progress');
    await press(page, 'The provider accepted');
    await expect.poll(() => state.textContent()).toBe('Accepted');
    await press(page, 'Close as done: successful');
    await expect.poll(() => state.textContent()).toBe('Done (successful)');
    await expectAccessible(page, 'the plan with a referral');
  });

  it('lets the supervisor approve the plan', async () => {
    const page = specialist.page;
    await press(page, 'Send for approval');
    await expect.poll(() => page.getByTestId('plan-state').textContent()).toContain('approval');
    const sup = supervisor.page;
    await sup.goto(`${server.url}/app/cases/${reference}/plan`);
    await press(sup, 'Approve this version');
    await expect.poll(() => sup.getByTestId('plan-state').textContent()).toBe('In force');
  });

  it('lets the supervisor edit a template, saved as a new version', async () => {
    const sup = supervisor.page;
    await sup.getByRole('navigation', { name: 'Cases' }).getByRole('link', { name: 'Plan templates' }).click();
    await sup.getByRole('heading', { name: 'Plan templates', level: 1 }).waitFor();
    await press(sup, 'Edit First weeks after recovery');
    await press(sup, 'Add a need');
    await sup.locator('#t-need-1-domain').selectOption('education');
    await sup.locator('#t-need-1-description').fill('Back to a school she knows');
    await press(sup, 'Save as a new version');
    await expect.poll(() => alert(sup).textContent()).toContain('version 2');
    await expectAccessible(sup, 'the plan templates');
  });
});
