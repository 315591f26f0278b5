import AxeBuilder from '@axe-core/playwright';
import { generate } from 'otplib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
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
export async function enrolAndSignIn(page: Page, baseUrl: string, email: string, password: string, landing = 'New tips'): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const secretText = await page.locator('.beacon-secret code').textContent();
  await page.getByLabel('6-digit code from your authenticator app').fill(await generate({ secret: secretText!.replace(/\s/g, '') }));
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  await page.getByRole('heading', { name: landing }).waitFor();
}
