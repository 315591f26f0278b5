import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
const phone = { width: 390, height: 844 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function press(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

async function stepOf(page: Page): Promise<string | null> {
  return page.locator('.usa-step-indicator').getAttribute('data-step');
}

async function fitsThePhone(page: Page): Promise<void> {
  const width = await page.evaluate('document.documentElement.scrollWidth');
  expect(width, `${await page.title()} is wider than the phone`).toBeLessThanOrEqual(phone.width);
}

/** USWDS hides native radios behind their labels; click the label, as a person would. */
async function choose(page: Page, id: string): Promise<void> {
  await page.locator(`label[for="${id}"]`).click();
}

describe('the step-by-step tip form', () => {
  it('is walked with JavaScript off on a phone: Back, Enter, add a person, Change, send', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/report`);
    expect(await stepOf(page)).toBe('what');
    expect(await page.locator('.usa-step-indicator__segment--current').textContent()).toContain('What happened');
    await fitsThePhone(page);

    await page.fill(
      '#incident-description',
      'A girl of about 15 is driven to the motel on Route 66 most nights and looks frightened.',
    );
    await page.fill('#incident-escalationReason', 'She said she is being taken to another state on Friday.');
    await page.fill('#incident-occurredOn', '2026-12-01');
    await press(page, 'Continue');

    expect(await stepOf(page)).toBe('where');
    expect(await page.locator('.usa-step-indicator__segment--complete').count()).toBe(1);
    await page.selectOption('#location-state', 'OK');
    await page.selectOption('#online-0-kind', 'social_platform');
    await page.fill('#online-0-identifier', '@synthetic_profile_e2e');
    await fitsThePhone(page);
    // Enter in a text box moves on, rather than adding or going back.
    await page.fill('#location-city', 'Tulsa');
    await page.press('#location-city', 'Enter');

    expect(await stepOf(page)).toBe('children');
    await page.fill('#children-0-approximateAge', '15');
    await page.fill('#children-0-description', 'Long dark hair, a red backpack.');
    await choose(page, 'children-0-missing');
    await fitsThePhone(page);
    await press(page, 'Back');
    expect(await stepOf(page)).toBe('where');
    expect(await page.inputValue('#location-city')).toBe('Tulsa');
    expect(await page.inputValue('#online-0-identifier')).toBe('@synthetic_profile_e2e');
    await press(page, 'Continue');
    expect(await stepOf(page)).toBe('children');
    expect(await page.inputValue('#children-0-approximateAge')).toBe('15');
    expect(await page.isChecked('#children-0-missing')).toBe(true);
    await press(page, 'Continue');

    expect(await stepOf(page)).toBe('persons');
    await page.selectOption('#persons-0-role', 'trafficker');
    await page.fill('#persons-0-name', 'Man called Dex');
    await page.selectOption('#persons-0-identifiers-0-kind', 'phone');
    await page.fill('#persons-0-identifiers-0-value', '918 555 0142');
    await press(page, 'Add another person');
    expect(await stepOf(page)).toBe('persons');
    expect(await page.inputValue('#persons-0-name')).toBe('Man called Dex');
    await page.selectOption('#persons-1-role', 'buyer');
    await page.fill('#persons-1-description', 'Drives a white pickup');
    await page.fill('#persons-1-vehicle-plate', 'SYN4821');
    await page.selectOption('#persons-1-vehicle-plateState', 'OK');
    await fitsThePhone(page);
    await press(page, 'Continue');

    expect(await stepOf(page)).toBe('you');
    // The "About you" step refers to itself.
    expect(await page.locator('main').textContent()).not.toContain('on the “About you” step');
    await choose(page, 'reporter-anonymous');
    await page.fill('#additionalInfo', 'I work nights at the gas station <across the road>.');
    await fitsThePhone(page);
    await press(page, 'Continue');

    expect(await stepOf(page)).toBe('review');
    const answers = page.locator('.review-answer');
    for (const text of [
      'Tulsa',
      'Oklahoma',
      '@synthetic_profile_e2e',
      'Man called Dex',
      'Phone number: 918 555 0142',
      'SYN4821',
      'Yes, I want to stay anonymous',
      'I work nights at the gas station <across the road>.',
    ]) {
      expect(await answers.filter({ hasText: text }).count(), text).toBeGreaterThan(0);
    }
    expect(await page.getByRole('heading', { name: 'Person 2' }).count()).toBe(1);
    // The review step shows dates as `2026-12-01`: write them as people do.
    expect(await answers.filter({ hasText: 'December 1, 2026' }).count()).toBe(1);
    expect(await answers.filter({ hasText: '2026-12-01' }).count()).toBe(0);
    await fitsThePhone(page);

    // The hidden part of the name tells screen-reader users which step each Change button opens.
    await press(page, /^Change\s?: The person or people involved$/);
    expect(await stepOf(page)).toBe('persons');
    await page.fill('#persons-0-name', 'Man called Dexter');
    await press(page, 'Continue');
    expect(await stepOf(page)).toBe('review');
    expect(await answers.filter({ hasText: 'Man called Dexter' }).count()).toBe(1);

    await press(page, 'Send report');
    const reference = await page.locator('[data-reference]').getAttribute('data-reference');
    expect(reference).toMatch(/^BCN-\d{4}-\d{6}$/);
    await fitsThePhone(page);
    // The reference number breaks mid-number on a phone: each part stays on one line.
    // The top of each character's box, in the browser (a string: the e2e project has no DOM types).
    const lines = (await page.evaluate(`(() => {
      const el = document.querySelector('[data-reference]');
      const tops = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < n.textContent.length; i++) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          tops.push(Math.round(r.getBoundingClientRect().top));
        }
      }
      return tops;
    })()`)) as number[];
    let at = 0;
    for (const part of reference!.split('-')) {
      expect(new Set(lines.slice(at, at + part.length)).size, `${part} on one line`).toBe(1);
      at += part.length + 1;
    }

    // The 404 page is unstyled: it now wears the public layout.
    const missing = await page.goto(`${server.url}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await page.locator('link[href="/assets/public.css"]').count()).toBe(1);
    expect(await page.locator('footer').count()).toBe(1);
    await fitsThePhone(page);
    await context.close();
  });

  it('passes an accessibility scan on every step in English and on Spanish steps', async () => {
    // axe is itself a script, so this scan runs with JavaScript on, over the same server-rendered pages.
    const context = await browser.newContext({ viewport: phone });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/report`);
    await expectAccessible(page, 'step 1');
    await press(page, 'Continue');
    await page.locator('.usa-alert--error').first().waitFor();
    // Error messages read "Online place 1: Kind of place: is required": write them as sentences.
    const summary = (await page.locator('.usa-alert--error li').allTextContents()).join('\n');
    expect(summary).toMatch(/ is required\.$/m);
    expect(summary).not.toContain(': is required');
    await expectAccessible(page, 'step 1 with errors');
    await page.fill('#incident-description', 'A boy of about 13 sleeps in a car behind the truck stop on weeknights.');
    await press(page, 'Continue');
    await page.fill('#location-zip', '12');
    await press(page, 'Continue');
    await page.locator('.usa-alert--error').first().waitFor();
    await expectAccessible(page, 'step 2 with errors');
    await page.fill('#location-zip', '89501');
    await press(page, 'Add another online place');
    await expectAccessible(page, 'step 2 with two online places');
    await press(page, 'Continue');
    await expectAccessible(page, 'step 3');
    await press(page, 'Continue');
    await press(page, 'Add another person');
    await expectAccessible(page, 'step 4 with two people');
    await press(page, 'Continue');
    await expectAccessible(page, 'step 5');
    await press(page, 'Continue');
    expect(await stepOf(page)).toBe('review');
    await expectAccessible(page, 'step 6, review');
    await press(page, 'Send report');
    await page.locator('[data-reference]').waitFor();
    await expectAccessible(page, 'report received');

    await page.goto(`${server.url}/report?lang=es`);
    await expectAccessible(page, 'paso 1');
    await page.fill('#incident-description', 'Una niña de unos 14 años vive en la trastienda del salón de uñas.');
    await page.selectOption('#incident-type', 'other');
    await press(page, 'Continuar');
    await page.fill('#location-city', 'El Paso');
    await press(page, 'Continuar');
    await press(page, 'Continuar');
    await expectAccessible(page, 'paso 4');
    for (let i = 0; i < 2; i++) await press(page, 'Continuar');
    expect(await stepOf(page)).toBe('review');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await expectAccessible(page, 'paso 6, revisar');
    await context.close();
  });
});
