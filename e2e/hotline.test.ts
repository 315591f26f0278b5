import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff } from './browser.ts';
import { beacon, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const password = 'a long operator passphrase for tests';
const callerName = 'Wilhelmina Foxglove-Synthetic';
let reference = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const saveStatus = () => page.locator('[data-testid="save-status"]');
let secret = '';
let lastStep = 0;
const currentStep = () => Math.floor(Date.now() / 30_000);
const localCopies = () => page.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('beacon.'))");

async function startCallAndType(text: string) {
  await page.goto(`${server.url}/app/hotline`);
  await page.getByRole('button', { name: 'Start a call' }).click();
  await page.getByRole('heading', { name: 'Hotline call' }).waitFor();
  await page.fill('#incident-description', text);
  expect(await localCopies()).toHaveLength(1);
}

describe('a hotline call, end to end', () => {
  it('signs an operator in with TOTP and lands on the hotline screen', async () => {
    const created = beacon(
      server,
      ['users', 'add', '--email', 'operator@example.test', '--role', 'operator', '--password-stdin'],
      `${password}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/app/`);
    await page.getByLabel('Email').fill('operator@example.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const secretText = await page.locator('.beacon-secret code').textContent();
    secret = secretText!.replace(/\s/g, '');
    lastStep = currentStep();
    await page.getByLabel('6-digit code from your authenticator app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByRole('heading', { name: 'Hotline', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/hotline');
    await expectAccessible(page, 'hotline start');
  });

  it('autosaves a call in progress, and a reload (as after a crash) keeps what was typed', async () => {
    await page.getByRole('button', { name: 'Start a call' }).click();
    await page.getByRole('heading', { name: 'Hotline call' }).waitFor();
    await page.selectOption('#call-language', 'es');
    await page.selectOption('#call-callerType', 'parent_guardian');
    await page.locator('label[for="call-callback-yes"]').click();
    // Consent is asked once, at the top: no second checkbox lower down.
    expect(await page.getByText('The caller agrees to be contacted about this report').count()).toBe(0);
    await page.fill(
      '#incident-description',
      'Caller’s daughter, 15, is picked up from the mall by a man who posts her photos online.',
    );
    await page.fill('#location-city', 'Omaha');
    await page.fill('#reporter-name', callerName);
    await expect.poll(() => saveStatus().textContent(), { timeout: 10_000 }).toMatch(/^Saved at \d{2}:\d{2}:\d{2}$/);
    await expectAccessible(page, 'hotline call');

    // Typed just before the crash: too recent for the server, but already in this tab's storage.
    await page.fill('#additionalInfo', 'She has a second phone her parents did not know about.');
    await page.reload();
    await page.getByRole('heading', { name: 'Hotline call' }).waitFor();
    expect(await page.inputValue('#incident-description')).toContain('picked up from the mall');
    expect(await page.inputValue('#location-city')).toBe('Omaha');
    expect(await page.inputValue('#call-language')).toBe('es');
    expect(await page.inputValue('#additionalInfo')).toBe('She has a second phone her parents did not know about.');
    await expect.poll(() => saveStatus().textContent(), { timeout: 10_000 }).toMatch(/^Saved at /);
  });

  it('shows the server’s field errors linked to the fields, then submits and shows the reference', async () => {
    await page.fill('#incident-description', 'too short');
    await page.getByRole('button', { name: 'Submit report' }).click();
    const link = page.getByRole('link', { name: /What the caller saw or heard: must be at least 10 characters/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('#incident-description');
    expect(await page.getAttribute('#incident-description', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'hotline call with errors');

    await page.fill(
      '#incident-description',
      'Caller’s daughter, 15, is picked up from the mall by a man who posts her photos online.',
    );
    await page.selectOption('#location-state', 'NE');
    await page.fill('#children-0-approximateAge', '15');
    await page.getByRole('button', { name: 'End call' }).click();
    await page.getByRole('button', { name: 'Submit report' }).click();
    reference = (await page.locator('[data-reference]').getAttribute('data-reference')) ?? '';
    expect(reference).toMatch(/^BCN-\d{4}-\d{6}$/);
    await page.getByRole('heading', { name: 'Report submitted' }).waitFor();
    await expectAccessible(page, 'hotline report submitted');
    // The draft's copy in the browser goes once the report is made.
    expect(await page.evaluate("Object.keys(sessionStorage).filter((k) => k.startsWith('beacon.hotline.'))")).toEqual([]);
  });

  it('Trust: forgets the draft kept in this tab when the session ends and on sign-out (a shared workstation)', async () => {
    await startCallAndType('Caller says a boy of 14 sleeps in a van behind the truck stop on I-80.');
    // The session ends (as after 30 idle minutes): the next save is refused and the tab forgets.
    await page.context().clearCookies();
    await page.fill('#location-city', 'Lincoln');
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor({ timeout: 15_000 });
    expect(await localCopies()).toEqual([]);

    // A code is used once: wait for the authenticator's next one if the last sign-in used this one.
    while (currentStep() === lastStep) await page.waitForTimeout(1_000);
    await page.getByLabel('Email').fill('operator@example.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('6-digit code from your authenticator app').fill(await generate({ secret }));
    lastStep = currentStep();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await startCallAndType('Caller says two girls are kept in a flat above the laundromat.');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    expect(await localCopies()).toEqual([]);
  });

  it('shows the analyst every field the operator recorded about the call, and the consent given (The call never reaches the tip)', async () => {
    const analyst = await newSignedInStaff(browser, server, {
      email: 'analyst@example.test',
      role: 'analyst',
      password: 'a long analyst passphrase for tests',
      landing: 'Tips to triage',
    });
    await analyst.page.goto(`${server.url}/app/reports/${reference}`);
    await analyst.page.getByRole('heading', { name: 'The call' }).waitFor();
    const call = analyst.page.getByRole('region', { name: 'The call' });
    const text = (await call.textContent()) ?? '';
    expect(text).toContain('Spanish');
    expect(text).toContain('Parent or guardian');
    expect(text).toMatch(/May we call the caller back\?\s*Yes/);
    expect(text).toMatch(/Started.*\d{4}/);
    expect(text).not.toMatch(/Ended\s*Not recorded/);
    expect(await analyst.page.getByRole('region', { name: 'Who reported it' }).textContent()).toMatch(
      /May we contact them\?\s*Yes/,
    );
    expect(await analyst.page.getByText('Hotline call', { exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(analyst.page, 'hotline tip read by an analyst');
  });

  it('kept the caller’s name out of every log line', () => {
    expect(server.output.join('')).not.toContain('Foxglove');
  });
});
