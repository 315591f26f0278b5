import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff } from './browser.ts';
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

describe('the staff dashboards and the register of releases', () => {
  it("show a supervisor every section from the demo data: chart, words, table and CSV, and the rollup's age", async () => {
    const supervisor = await newSignedInStaff(browser, server, {
      email: 'stats-sup@example.test',
      role: 'supervisor',
      password: 'a long statistics passphrase for tests',
      landing: 'Tips to triage',
    });
    const staff = supervisor.page;
    await staff.goto(`${server.url}/app/stats`);
    await staff.getByTestId('stats-period').waitFor();
    expect(await staff.getByTestId('stats-period').textContent()).toMatch(/refreshed|minute|second|hour|ago/i);
    for (const title of [
      'Tips by month',
      'Time from tip to referral',
      'Referral outcomes by agency',
      'Overdue acknowledgements',
      'Children by gender and age',
      '24-hour reports made late',
      'Plans, family support and peer support',
    ]) {
      const heading = staff.getByRole('heading', { name: title, level: 2 });
      await heading.waitFor(); // each section is fetched on its own
      expect(await heading.count(), title).toBe(1);
      expect(await staff.getByRole('table', { name: `${title}: the figures` }).count(), title).toBe(1);
      expect(await staff.getByRole('button', { name: `Download ${title.toLowerCase()} as CSV` }).count(), title).toBe(1);
    }
    const children = staff.getByRole('table', { name: 'Children by gender and age: the figures' });
    expect(await children.getByRole('row').count()).toBeGreaterThan(1);
    expect(await staff.getByRole('img', { name: 'Children by gender, split by age band' }).count()).toBe(1);
    await expectAccessible(staff, 'the staff dashboards');
    const csv = await staff.request.get(`${server.url}/api/v1/stats/dashboard/children/csv`, {
      headers: { 'X-CSRF-Token': supervisor.csrf },
    });
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0]).toBe('Gender,Under 12,12–14,15–17,18 and over,Age not known,All ages');
  });

  it('serve the register of releases, with HTCDS field names on request', async () => {
    const res = await page.request.get(`${server.url}/api/v1/stats/releases?fields=htcds`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { releases: { year: number; published: number; suppressed: Record<string, unknown>[] }[] };
    const release = body.releases.find((r) => r.year === year);
    expect(release?.published).toBeGreaterThan(0);
    expect(release?.suppressed.length).toBeGreaterThan(0);
    expect(Object.keys(release!.suppressed[0]!)).toContain('hte_State');
  });
});
