import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { beacon, freePort, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let analyst: SignedInStaff;
let cdp: CDPSession;
const email = 'passkeys@example.test';
const password = 'a long passkey passphrase for tests';
// WebAuthn does not accept an IP address as relying party: the browser uses the host name.
let site = '';

/** A platform authenticator as on a laptop with a fingerprint reader, which always says yes. */
async function addAuthenticator(): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return authenticatorId;
}

async function credentialsOn(authenticatorId: string): Promise<number> {
  return (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length;
}

async function addPasskey(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name for the passkey').fill(name);
  await page.getByRole('button', { name: 'Add passkey' }).click();
  await page.getByText(`Passkey “${name}” added.`).waitFor();
}

async function signOutAndIn(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Enter your sign-in code' }).waitFor();
  await page.getByRole('button', { name: 'Use a passkey instead' }).click();
  await page.getByRole('heading', { name: 'Tips to triage' }).waitFor();
}

beforeAll(async () => {
  const port = await freePort();
  site = `http://localhost:${port}`;
  server = await startServer({ port, env: { BEACON_PUBLIC_URL: site } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('passkeys', () => {
  it('enrols a passkey, signs in with password and passkey, adds a second and removes one', async () => {
    analyst = await newSignedInStaff(
      browser,
      { url: site, env: server.env },
      { email, role: 'analyst', password, landing: 'Tips to triage' },
    );
    const page = analyst.page;
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const laptop = await addAuthenticator();

    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByText('You have no passkeys yet.').waitFor();
    await expectAccessible(page, 'the account page');
    await addPasskey(page, 'Work laptop');
    expect(await credentialsOn(laptop)).toBe(1);
    await page.getByRole('rowheader', { name: 'Work laptop' }).waitFor();

    await signOutAndIn(page);
    const listing = await page.request.get(`${site}/api/v1/passkeys`);
    expect(((await listing.json()) as { passkeys: { lastUsedAt: string | null }[] }).passkeys[0]!.lastUsedAt).not.toBeNull();

    // A second key: the laptop's authenticator is taken away, a security key takes its place.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: laptop });
    const key = await addAuthenticator();
    await page.getByRole('link', { name: 'Your account' }).click();
    await addPasskey(page, 'Blue security key');
    expect(await credentialsOn(key)).toBe(1);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);

    await page.getByRole('button', { name: 'Remove passkey Work laptop' }).click();
    await page.getByText('Passkey “Work laptop” removed.').waitFor();
    await expect.poll(() => page.locator('tbody th').allTextContents()).toEqual(['Blue security key']);
    await expectAccessible(page, 'the account page with a passkey');

    await signOutAndIn(page);
    await page.getByRole('link', { name: 'Your account' }).click();
    await expect.poll(() => page.locator('tbody tr').first().textContent()).not.toContain('Never');
  });
});

describe('BEACON_ADMIN_PASSKEY_REQUIRED', () => {
  let strict: RunningServer;
  let strictSite = '';
  beforeAll(async () => {
    const port = await freePort();
    strictSite = `http://localhost:${port}`;
    strict = await startServer({ port, env: { BEACON_PUBLIC_URL: strictSite, BEACON_ADMIN_PASSKEY_REQUIRED: 'true' } });
  });
  afterAll(async () => {
    await strict?.stop();
  });

  it('has a new admin create a passkey at first sign-in, then sign in with it alone', async () => {
    const created = beacon(
      strict,
      ['users', 'add', '--email', 'admin@example.test', '--role', 'admin', '--password-stdin'],
      `${password}\n`,
    );
    expect(created.code, created.stderr).toBe(0);
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await addAuthenticator();
    const passwordStep = async () => {
      await page.getByLabel('Email').fill('admin@example.test');
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    await page.goto(`${strictSite}/app/`);
    await passwordStep();
    await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
    await expectAccessible(page, 'the passkey enrolment step');
    await page.getByLabel('Name for the passkey').fill('Admin laptop');
    await page.getByRole('button', { name: 'Create passkey and continue' }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The admin's Staff screen has an Email field of its own: wait for the sign-in form.
    await page.getByLabel('Password', { exact: true }).waitFor();
    await passwordStep();
    await page.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    await expectAccessible(page, 'the passkey sign-in step');
    expect(await page.getByLabel('6-digit code from your authenticator app').count()).toBe(0);
    await page.getByRole('button', { name: 'Use your passkey' }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
  });
});
