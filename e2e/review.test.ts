import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let supervisor: SignedInStaff;
let expert: SignedInStaff;
let reference = '';
let familyId = '';
const password = 'a long review passphrase for tests';

const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const content = (action: string) => ({
  needs: [
    {
      domain: 'education',
      description: 'Back to school',
      goals: [
        {
          description: 'Enrolled in a school',
          measure: 'The school confirms',
          targetInDays: 30,
          actions: [{ description: action, ownerKind: 'recovery_specialist', dueInDays: 7 }],
        },
      ],
    },
  ],
});

async function send(who: SignedInStaff, method: 'POST' | 'PUT', url: string, data: object) {
  const res = await who.page.request.fetch(`${server.url}${url}`, { method, headers: { 'X-CSRF-Token': who.csrf }, data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  supervisor = await newSignedInStaff(browser, server, {
    email: 'esup@example.test',
    role: 'supervisor',
    password,
    landing: 'Tips to triage',
  });
  expert = await newSignedInStaff(browser, server, {
    email: 'expert@example.test',
    role: 'expert',
    password,
    landing: 'Review requests',
  });
  const admin = await newSignedInStaff(browser, server, {
    email: 'eadmin@example.test',
    role: 'admin',
    password,
    landing: 'Staff',
  });
  const team = await send(admin, 'POST', '/api/v1/cases/teams', {
    name: 'Review team',
    members: [{ userId: supervisor.id, supervises: true }],
  });
  const kase = await send(supervisor, 'POST', '/api/v1/cases', {
    details: { identity: { name: 'Juniper Synthetic-Example', dateOfBirth: '2011-02-01', languages: ['en'] } },
    teamId: team.id,
    state: 'OK',
  });
  reference = String(kase.reference);
  const first = await send(supervisor, 'POST', '/api/v1/plan-templates', {
    name: 'Back to school',
    content: content('Call the school'),
  });
  familyId = String(first.familyId);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('survivor expert review of a plan template', () => {
  it('an expert reviews a plan template change, comments, the owner answers, approves, and the published template shows the review', async () => {
    // The supervisor switches review on for plan templates; the changed template then waits for review.
    const owner = supervisor.page;
    await owner.goto(`${server.url}/app/review`);
    await owner.getByRole('heading', { name: 'Review requests', level: 1 }).waitFor();
    // USWDS draws its own box over the input: the label is what a person clicks.
    await owner.locator('label[for="required-plan_template"]').click();
    await expect
      .poll(async () => (await owner.request.get(`${server.url}/api/v1/review/materials`)).text())
      .toContain('"kind":"plan_template","required":true');
    const changed = await send(supervisor, 'PUT', `/api/v1/plan-templates/${familyId}`, {
      name: 'Back to school',
      content: content('Ask the young person which school they want to go back to'),
    });
    expect(changed.publishedAt).toBeNull();
    await send(supervisor, 'POST', '/api/v1/review/requests', { kind: 'plan_template', ref: changed.id });

    // The expert reads the difference, comments on the added line and recommends approval.
    const page = expert.page;
    await page.goto(`${server.url}/app/review`);
    await page.getByRole('link', { name: 'Back to school' }).click();
    await page.getByRole('heading', { name: 'Back to school', level: 1 }).waitFor();
    const added = page.locator('tr.beacon-diff--added');
    await expect.poll(() => added.count()).toBeGreaterThan(0);
    expect(await added.first().textContent()).toContain('Added');
    expect(await page.locator('tr.beacon-diff--removed').first().textContent()).toContain('Removed');
    // Word by word: the words taken out and put in, each named for a screen reader.
    const words = page.getByTestId('word-diff');
    await page.getByRole('heading', { name: 'Word by word', level: 2 }).waitFor();
    expect(await words.locator('del').first().textContent()).toContain('[removed: ');
    expect(await words.locator('ins').first().textContent()).toContain('[added: ');
    expect(await words.locator('ins').allTextContents()).toContainEqual(expect.stringContaining('young person'));
    await expectAccessible(page, 'the review request for an expert');
    await added.getByRole('button').first().click();
    await page.getByLabel('Your comment').fill('Asking first is right. Also write down the answer in their own words.');
    await press(page, 'Add the comment');
    await page.getByText('Asking first is right.').waitFor();
    await press(page, 'Recommend approval');
    await page.getByText(/: approve \(/).waitFor();

    // The owner answers the comment and publishes.
    await owner.goto(`${server.url}/app/review`);
    await owner.getByRole('link', { name: 'Back to school' }).click();
    await owner.getByText('Every comment needs an answer.').waitFor();
    await owner.getByLabel('Your answer').fill('Added to the action: in their own words.');
    await press(owner, 'Answer');
    await owner.getByText('Answer from').waitFor();
    await expectAccessible(owner, 'the review request for its owner');
    await press(owner, 'Publish the reviewed version');
    await owner.getByText(/Published on \d{4}-\d{2}-\d{2}/).waitFor();

    // The template offered to start a plan is the reviewed version, and says who reviewed it.
    await owner.goto(`${server.url}/app/cases/${reference}/plan`);
    const option = owner.getByLabel('Start from').locator('option', { hasText: 'Back to school' });
    await option.waitFor({ state: 'attached' });
    expect(await option.textContent()).toMatch(/^Back to school \(version 2, reviewed by .+ on \d{4}-\d{2}-\d{2}\)$/);
  });

  it('the expert logs consultation time and the supervisor sees the month total', async () => {
    const page = expert.page;
    await page.goto(`${server.url}/app/review/time`);
    await page.getByLabel('Minutes').fill('50');
    await page.getByLabel('What you worked on').fill('Plan template review');
    await press(page, 'Log the time');
    await page.getByText('Time logged.').waitFor();
    await expectAccessible(page, 'the consultation time page');
    const owner = supervisor.page;
    await owner.goto(`${server.url}/app/review/time`);
    await owner.getByRole('heading', { name: 'Time per expert per month' }).waitFor();
    await owner.getByRole('cell', { name: '50', exact: true }).waitFor();
  });

  it('the owner proposes new page text through the form, and it opens as a review request', async () => {
    const owner = supervisor.page;
    await owner.goto(`${server.url}/app/review`);
    await owner.getByRole('heading', { name: 'Propose a change for review' }).waitFor();
    await expectAccessible(owner, 'the review inbox of an owner');
    await owner.getByLabel('Which material').fill('report-intro');
    await owner.getByLabel('Title').fill('Report page introduction');
    await owner.getByLabel('The proposed text').fill('Tell us what you saw.\nYou can stay anonymous.');
    await press(owner, 'Send for review');
    await owner.getByRole('heading', { name: 'Report page introduction', level: 1 }).waitFor();
    expect(await owner.locator('tr.beacon-diff--added').count()).toBe(2);
  });

  it('an expert is refused every case, tip and plan', async () => {
    for (const url of ['/api/v1/cases', `/api/v1/cases/${reference}/plan`, '/api/v1/triage/queue', '/api/v1/plan-templates'])
      expect((await expert.page.request.get(`${server.url}${url}`)).status(), url).toBe(403);
  });
});
