import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let first: SignedInStaff;
let second: SignedInStaff;
const password = 'a long administrator passphrase for tests';
const invitee = 'new.colleague@example.test';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).click();
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const row = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
const notice = (page: Page) => page.locator('.usa-alert').first();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  first = await newSignedInStaff(browser, server, {
    email: 'first.admin@example.test',
    role: 'admin',
    password,
    landing: 'Staff',
  });
  second = await newSignedInStaff(browser, server, {
    email: 'second.admin@example.test',
    role: 'admin',
    password,
    landing: 'Staff',
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the administrator’s work, in the browser', () => {
  it('lands on Staff, invites a colleague, changes their role and jurisdictions, disables and enables them', async () => {
    const page = first.page;
    expect(new URL(page.url()).pathname).toBe('/app/admin/staff');
    await page.getByLabel('Email').fill(invitee);
    await page.locator('#invite-role').selectOption('analyst');
    await page.locator('#invite-states').fill('ok');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect.poll(() => notice(page).textContent()).toContain(`Invited ${invitee}`);
    expect(await page.getByTestId('setup-link').textContent()).toMatch(/\/app\/setup\?token=[\w-]{40,}$/);
    await expect.poll(() => row(page, invitee).textContent()).toContain('Analyst');

    await page.getByRole('button', { name: `Change ${invitee}` }).click();
    await page.locator('#member-role').selectOption('supervisor');
    await page.locator('#member-states').fill('OK, TX');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row(page, invitee).textContent()).toMatch(/Supervisor.*OK, TX/);

    await page.getByRole('button', { name: 'Disable account' }).click();
    await expect.poll(() => row(page, invitee).textContent()).toContain('Disabled');
    await page.getByRole('button', { name: 'Enable account' }).click();
    await expect.poll(() => row(page, invitee).textContent()).toContain('Active');
    await expectAccessible(page, 'the staff screen with a member open');
  });

  it('asks for a reset that only a second administrator can approve', async () => {
    const page = first.page;
    await page.getByRole('button', { name: 'Ask for a second-factor reset' }).click();
    await expect.poll(() => notice(page).textContent()).toContain('Another administrator must approve it');
    await nav(page, 'Reset requests');
    await heading(page, 'Reset requests');
    await expect.poll(() => row(page, invitee).textContent()).toContain('Another administrator must approve');
    expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);

    const other = second.page;
    await nav(other, 'Reset requests');
    await heading(other, 'Reset requests');
    await other.getByRole('button', { name: `Approve the second factor reset of ${invitee}` }).click();
    await expect.poll(() => row(other, invitee).textContent()).toContain('Approved by second.admin@example.test');
    await expectAccessible(other, 'the reset requests screen');
  });

  it('sees who signed in when', async () => {
    const page = first.page;
    await nav(page, 'Sign-ins');
    await heading(page, 'Sign-ins');
    await expect.poll(() => row(page, 'second.admin@example.test').first().textContent()).toContain('Signed in');
  });

  it('creates a token, shown once, and revokes it', async () => {
    const page = first.page;
    await nav(page, 'Tokens');
    await heading(page, 'API tokens');
    await page.getByLabel('Organisation').fill('ExampleChat');
    await page.getByLabel('Note (optional)').fill('their reporting server');
    await page.getByRole('button', { name: 'Create token' }).click();
    expect(await page.getByTestId('new-token').textContent()).toMatch(/^bcn_esp_/);
    await expect.poll(() => row(page, 'ExampleChat').textContent()).toContain('Active');
    await page.getByRole('button', { name: 'Revoke the token of ExampleChat (their reporting server)' }).click();
    await expect.poll(() => row(page, 'ExampleChat').textContent()).toContain('Revoked');
  });

  it('imports an agency CSV all or nothing: a bad row imports nothing and names the row and field', async () => {
    const page = first.page;
    await nav(page, 'Agencies');
    await heading(page, 'Agencies');
    const header = 'agency_code,agency_name,agency_kind,phone,email,active,area_kind,state,county,city,tribal_land';
    const good = 'E2E-ONE,Synthetic County Sheriff,law_enforcement,,,true,county,OK,Tulsa,,';
    await page.getByLabel('Or paste the CSV').fill(`${header}\n${good}\nE2E-TWO,Synthetic Agency,spaceship,,,true,state,TX,,,\n`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => notice(page).textContent()).toContain('nothing was imported');
    expect(await page.locator('#agency-csv-error').textContent()).toContain('line 3, agency_kind');
    expect(await page.getByText('The directory is empty.').count()).toBe(1);

    await page.getByLabel('Or paste the CSV').fill(`${header}\n${good}\n`);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => notice(page).textContent()).toContain('1 new');
    await expect.poll(() => row(page, 'E2E-ONE').textContent()).toContain('Synthetic County Sheriff');
    await expectAccessible(page, 'the agencies screen');
  });
});
