import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, enrolAndSignIn } from './browser.ts';
import { beacon, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let reference: string;
const password = 'a long export passphrase for tests';
const markup = '<img src=x onerror="document.title=1">';

const tip = {
  incident: {
    type: 'online_enticement',
    description: `An adult keeps messaging a 14-year-old and asks to meet. ${markup}`,
    escalationReason: 'They plan to meet on Friday.',
  },
  location: { city: 'Tulsa', state: 'OK' },
  online: [{ kind: 'chat', platform: 'GameChat', identifier: 'synthetic_handle_42', details: 'Messages every evening' }],
  children: [
    {
      approximateAge: 14,
      gender: 'female',
      missing: true,
      school: 'Example Middle School',
      currentLocation: 'Staying with a friend',
    },
  ],
  persons: [
    {
      role: 'trafficker',
      name: 'Synthetic Person',
      description: 'Tall, beard',
      identifiers: [
        { kind: 'phone', value: '+1 918 555 0199' },
        { kind: 'username', value: 'synth_user' },
      ],
      vehicle: { colour: 'blue', make: 'Ford', model: 'Focus', plate: 'SYN1234', plateState: 'OK' },
    },
  ],
  reporter: { anonymous: true },
  additionalInfo: `The school counsellor knows. ${markup}`,
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const res = await fetch(`${server.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(tip),
  });
  expect(res.status).toBe(201);
  reference = ((await res.json()) as { reference: string }).reference;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('showing and exporting a whole tip', () => {
  it('shows every part of the tip as text, passes axe, and downloads the XML', async () => {
    const created = beacon(
      server,
      ['users', 'add', '--email', 'export-analyst@example.test', '--role', 'analyst', '--password-stdin'],
      `${password}\n`,
    );
    expect(created.code).toBe(0);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await enrolAndSignIn(page, server.url, 'export-analyst@example.test', password);
    await page.goto(`${server.url}/app/reports/${reference}`);
    await page.getByRole('heading', { name: `Tip ${reference}` }).waitFor();
    for (const text of [
      'synthetic_handle_42',
      'GameChat',
      'Example Middle School',
      'Staying with a friend',
      'Yes, reported missing',
      'Synthetic Person',
      '+1 918 555 0199',
      'synth_user',
      'blue Ford Focus, plate SYN1234 (Oklahoma)',
      'The school counsellor knows.',
    ]) {
      await expect.poll(() => page.getByText(text, { exact: false }).count(), { message: text }).toBeGreaterThan(0);
    }
    // Markup typed into the tip is shown as characters, never made into elements.
    expect(await page.locator('main img').count()).toBe(0);
    await expect.poll(() => page.getByText(markup, { exact: false }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'tip detail with every part');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download for the national tipline (XML)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${reference}.xml`);
    const xml = await readFile((await download.path())!, 'utf8');
    expect(xml).toContain('<chatClient>GameChat</chatClient>');
    expect(xml).toContain('&lt;img src=x onerror="document.title=1"&gt;');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(json.suggestedFilename()).toBe(`${reference}.json`);
    await expectAccessible(page, 'tip detail after downloads');
    await context.close();
  });

  it('exports from the command line; the analyst’s downloads and the command are audited', () => {
    const out = beacon(server, ['reports', 'export', '--format', 'json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).reports.map((r: { reference: string }) => r.reference)).toContain(reference);
    const verified = beacon(server, ['audit', 'verify', '--recent', '5']);
    expect(verified.stdout).toContain(`system:cli report.export report ${reference}`);
    expect(verified.stdout).toContain(`export-analyst@example.test report.export report ${reference}`);
  });
});
