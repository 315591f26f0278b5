import AxeBuilder from '@axe-core/playwright';
import { generate } from 'otplib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { beacon, type RunningServer } from './server.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** axe with the WCAG 2.1 A and AA rules; any violation fails with its rule ids and targets. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `accessibility violations on ${what}`).toEqual([]);
}

/** Signs a new staff account in through the real screens, enrolling its authenticator on the way. */
export async function enrolAndSignIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  landing = 'Tips to triage',
): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secretText = await page.locator('.beacon-secret code').textContent();
  await page
    .getByLabel('6-digit code from your authenticator app')
    .fill(await generate({ secret: secretText!.replace(/\s/g, '') }));
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  await page.getByRole('heading', { name: landing }).waitFor();
}

export interface SignedInStaff {
  page: Page;
  id: string;
  csrf: string;
}

/**
 * Creates a staff account with `beacon users add`, signs it in through the screens in its own
 * browser context, and returns its page, user id and CSRF token for API calls in the same session.
 */
export async function newSignedInStaff(
  browser: Browser,
  server: Pick<RunningServer, 'url' | 'env'>,
  account: { email: string; role: string; password: string; landing: string },
): Promise<SignedInStaff> {
  const created = beacon(
    server,
    ['users', 'add', '--email', account.email, '--role', account.role, '--password-stdin'],
    `${account.password}\n`,
  );
  expect(created.code, created.stderr).toBe(0);
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  await enrolAndSignIn(page, server.url, account.email, account.password, account.landing);
  const session = (await (await page.request.get(`${server.url}/api/v1/auth/session`)).json()) as {
    user: { id: string };
    csrfToken: string;
  };
  return { page, id: session.user.id, csrf: session.csrfToken };
}
