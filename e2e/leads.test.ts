import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advertStream } from '../test/adverts/generator.ts';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { beacon, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let dir: string;
let analyst: SignedInStaff;
let caseRef = '';
const password = 'a long leads passphrase for tests';

async function importFile(name: string, lines: object[]) {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const res = beacon(server, ['leads', 'import', file]);
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-e2e-leads-'));
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('advert leads', () => {
  it('imports a generated collection with the command', async () => {
    const out = await importFile(
      'collection.jsonl',
      [...advertStream(300, 7)].map(({ truth: _truth, ...advert }) => advert),
    );
    expect(out).toMatch(/^300 adverts stored, 0 already present, 0 line\(s\) skipped/);
  });

  it("raises a lead when an advert carries a case's phone number in disguise", async () => {
    const admin = await newSignedInStaff(browser, server, {
      email: 'leads-admin@example.test',
      role: 'admin',
      password,
      landing: 'Staff',
    });
    const sup = await newSignedInStaff(browser, server, {
      email: 'leads-sup@example.test',
      role: 'supervisor',
      password,
      landing: 'Tips to triage',
    });
    const team = await admin.page.request.post(`${server.url}/api/v1/cases/teams`, {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { name: 'Leads team', members: [{ userId: sup.id, supervises: true }] },
    });
    expect(team.status(), await team.text()).toBe(201);
    const created = await sup.page.request.post(`${server.url}/api/v1/cases`, {
      headers: { 'X-CSRF-Token': sup.csrf },
      data: {
        details: {
          identity: { name: 'Synthetic Oriel Vantasker', aliases: [] },
          identifiers: [{ kind: 'phone', value: '(405) 555-0123' }],
        },
        state: 'OK',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    caseRef = ((await created.json()) as { reference: string }).reference;
    const hubs = await sup.page.request.put(`${server.url}/api/v1/hubs`, {
      headers: { 'X-CSRF-Token': sup.csrf },
      data: { listed: ['tel:+18005550199'], allowed: [] },
    });
    expect(hubs.status(), await hubs.text()).toBe(200);
    const out = await importFile('new.jsonl', [
      {
        id: 'e2e-lead-1',
        site: 'ads.example',
        posted_at: '2026-04-01T20:00:00Z',
        city: 'Tulsa',
        state: 'OK',
        title: 'New in town',
        body: 'Sweet and fun. Txt four zero five five five five zero one two three, ask for Kali',
      },
      {
        id: 'e2e-lead-2',
        site: 'ads.example',
        posted_at: '2026-04-05T20:00:00Z',
        city: 'Dallas',
        state: 'TX',
        title: 'Visiting',
        body: 'Kali here, call 405-555-0123',
      },
    ]);
    expect(out).toMatch(/2 adverts stored.*2 new lead\(s\)/);
  });

  it('shows the analyst the lead, the advert with its marks and reasons, and the network with its movement', async () => {
    analyst = await newSignedInStaff(browser, server, {
      email: 'leads-analyst@example.test',
      role: 'analyst',
      password,
      landing: 'Tips to triage',
    });
    const page = analyst.page;
    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByRole('heading', { name: 'Advert leads' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'e2e-lead-1' });
    await expect.poll(() => row.textContent()).toContain(caseRef);
    await expect.poll(() => row.textContent()).toContain('+14055550123');
    await expectAccessible(page, 'leads queue');

    await row.getByRole('link', { name: 'Advert e2e-lead-1' }).click();
    await page.getByRole('heading', { name: 'Advert e2e-lead-1' }).waitFor();
    await expect.poll(() => page.locator('mark[data-kind="phone"]').first().textContent()).toContain('four zero five');
    const indicators = page.getByRole('list', { name: 'Indicators' });
    await expect.poll(() => indicators.textContent()).toContain('Why this matters');
    await expect.poll(() => indicators.textContent()).toContain('Found NOT predictive');
    await expectAccessible(page, 'advert');

    await page.getByRole('link', { name: /^net-/ }).click();
    await page.getByRole('heading', { name: /^Network net-/ }).waitFor();
    await page.locator('[data-testid="network-graph"] canvas').first().waitFor({ state: 'attached' });
    const members = page.getByRole('table', { name: /Adverts in this network/ });
    await expect.poll(() => members.locator('tbody tr').count()).toBe(2);
    const movement = page.getByRole('table', { name: /Where the adverts were posted/ });
    await expect.poll(() => movement.textContent()).toContain('Dallas, TX');
    expect(await page.locator('[data-testid="movement-map"] [data-stop] circle').count()).toBe(2);
  });

  it('dismisses a lead and keeps it dismissed', async () => {
    const page = analyst.page;
    await page.getByRole('link', { name: 'Advert leads' }).click();
    await page.getByRole('heading', { name: 'Advert leads' }).waitFor();
    const row = page.locator('tbody tr', { hasText: 'e2e-lead-1' });
    const leadId = await row.getAttribute('data-lead');
    await row.getByLabel('Note (optional)').fill('Number reassigned; not this child.');
    await row.getByRole('button', { name: `Dismiss lead ${leadId}` }).click();
    await page.getByText(`Lead ${leadId} dismissed.`).waitFor();
    await page.getByRole('button', { name: 'Dismissed' }).click();
    await expect.poll(() => page.locator('tbody tr', { hasText: 'e2e-lead-1' }).count()).toBe(1);
  });

  it('shows the hub list and lets the analyst add an indicator', async () => {
    const page = analyst.page;
    await page.getByRole('link', { name: 'Hubs and indicators' }).click();
    await page.getByRole('heading', { name: 'Hubs and indicators' }).waitFor();
    const hubs = page.getByRole('table', { name: /Hubs and identifiers/ });
    await expect.poll(() => hubs.textContent()).toContain('tel:+18005550199');
    await expect.poll(() => hubs.textContent()).toContain('Listed by a supervisor');
    expect(await page.getByRole('button', { name: 'Save the hub list' }).count()).toBe(0);
    await page.getByLabel('Code (lower-case letters, digits and hyphens)').fill('room-by-the-hour');
    await page.getByLabel('Words, pattern or emoji to find').fill('room by the hour');
    await page.getByLabel('Category (for example venue)').fill('venue');
    await page.getByRole('button', { name: 'Add the indicator' }).click();
    await page.getByText('Indicator room-by-the-hour added.').waitFor();
    await expectAccessible(page, 'hubs and indicators');
  });
});
