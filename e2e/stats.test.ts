import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from './browser.ts';
import { beacon, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const year = new Date().getUTCFullYear() - 1;

beforeAll(async () => {
  server = await startServer();
  const filled = beacon(
    server,
    ['demo', '--tips', '5', '--cases', '3', '--seed', '5', '--last-year-tips', '150'],
    undefined,
    180_000,
  );
  expect(filled.code, filled.stderr).toBe(0);
  expect(filled.stdout).toContain(`150 tips in ${year}, whose statistics are released`);
  browser = await launchBrowser();
  page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the public statistics page, from the demo data, without JavaScript', () => {
  it('shows the last finished year: a map, the tables, hidden figures hatched and read as "fewer than 11"', async () => {
    await page.goto(`${server.url}/report`);
    await page.getByRole('link', { name: 'Tips in figures' }).click();
    await page.getByRole('heading', { name: 'Tips in figures', level: 1 }).waitFor();
    expect(await page.getByText(`Released figures for ${year}`).count()).toBe(1);
    const map = page.getByRole('img', { name: new RegExp(`Map of tips received in ${year}`) });
    expect(await map.count()).toBe(1);
    const byState = page.getByRole('table', { name: `By state, ${year}` });
    expect(await byState.getByRole('row').count()).toBeGreaterThan(3);
    // 150 tips over six states and four types: some cells are small, and each one says so in words.
    const hidden = page.locator('td.stats-cell--hidden');
    expect(await hidden.count()).toBeGreaterThan(0);
    for (const text of await hidden.allTextContents()) expect(text).toMatch(/^(fewer than 11|withheld)$/);
    const cells = await page.locator('td.stats-cell:not(.stats-cell--hidden)').allTextContents();
    for (const text of cells)
      if (text !== 'none' && text !== '0') expect(Number(text.replace(/,/g, ''))).toBeGreaterThanOrEqual(11);
    // axe runs as a script in the page: checked in a second page with JavaScript on.
    const checked = await (await browser.newContext()).newPage();
    await checked.goto(`${server.url}/stats`);
    await expectAccessible(checked, 'the public statistics page');
  });

  it('reads in Spanish and offers the figures as CSV', async () => {
    await page.goto(`${server.url}/stats?lang=es`);
    await page.getByRole('heading', { name: 'Los avisos en cifras', level: 1 }).waitFor();
    const csv = await page.request.get(`${server.url}/api/v1/stats/tips/${year}?format=csv`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0]).toBe('state,category,channel,count,hidden');
  });
});
