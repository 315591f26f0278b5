import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { beacon, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let analyst: SignedInStaff;
let partner: SignedInStaff;
const password = 'a long triage passphrase for tests';
const refs: Record<string, string> = {};
let referral = '';

async function submit(body: object): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

/** The analyser runs a moment after a tip is taken: reload until the queue holds what is expected. */
async function queueRows(page: Page, count: number): Promise<string[]> {
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole('heading', { name: 'Tips to triage' }).waitFor();
        await page.getByText('Loading tips…').waitFor({ state: 'detached' });
        return page.locator('tbody tr').count();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(count);
  return page.locator('tbody tr th a').allTextContents();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const imported = beacon(server, ['agencies', 'import', '--demo']);
  expect(imported.code, imported.stderr).toBe(0);
  refs.earlier = await submit({
    incident: {
      description:
        'An advert for a "new girl" says to text four oh five, 555 - zero one three four. The photos look like a young teen.',
    },
    location: { city: 'Tulsa', state: 'OK' },
    children: [{ approximateAge: 15 }],
  });
  refs.routine = await submit({
    incident: { description: 'A teenager was seen getting into different cars outside the diner on weekends last spring.' },
    location: { city: 'Amarillo', state: 'TX' },
    children: [{ approximateAge: 16 }],
  });
  refs.urgent = await submit({
    incident: {
      description:
        'A girl who looks about 12 is kept in room 12 at the Route 66 motel. The man who answers 405-555-0134 brings men to the room.',
      escalationReason: 'She is there right now; he said they move her tonight.',
    },
    location: { city: 'Tulsa', state: 'OK' },
    children: [{ approximateAge: 12 }],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('triage and referral', () => {
  it('puts the urgent tip at the top of the queue with its reasons', async () => {
    analyst = await newSignedInStaff(browser, server, {
      email: 'analyst@example.test',
      role: 'analyst',
      password,
      landing: 'Tips to triage',
    });
    const rows = await queueRows(analyst.page, 3);
    expect(rows[0]).toBe(refs.urgent);
    expect(rows[2]).toBe(refs.routine);
    const top = analyst.page.locator('tbody tr').first();
    await expect.poll(() => top.textContent()).toContain('Immediate');
    await expect.poll(() => top.textContent()).toContain('Marked urgent by the reporter');
    await expect.poll(() => top.textContent()).toContain('A young child');
    await expectAccessible(analyst.page, 'triage queue');
  });

  it('shows that the urgent tip shares the disguised number of the earlier one', async () => {
    const page = analyst.page;
    await page.getByRole('link', { name: refs.urgent! }).click();
    await page.getByRole('heading', { name: `Tip ${refs.urgent}` }).waitFor();
    const known = page.getByRole('list', { name: 'Tips sharing an identifier' });
    await expect.poll(() => known.textContent()).toContain(refs.earlier!);
    await expect.poll(() => known.textContent()).toContain('phone +14055550134');
    await expect.poll(() => page.locator('mark[data-kind="phone"]').first().textContent()).toContain('405-555-0134');
    await expectAccessible(page, 'tip with triage');
    await page.getByRole('link', { name: refs.earlier! }).click();
    await page.getByRole('heading', { name: `Tip ${refs.earlier}` }).waitFor();
    await expect.poll(() => page.getByText('Written in disguise').count()).toBeGreaterThan(0);
    await page.goBack();
    await page.getByRole('heading', { name: `Tip ${refs.urgent}` }).waitFor();
  });

  it('refers the tip to the agency proposed for Tulsa', async () => {
    const page = analyst.page;
    const proposals = await page.request.get(`${server.url}/api/v1/triage/tips/${refs.urgent}/agencies`);
    const first = ((await proposals.json()) as { items: { code: string; name: string }[] }).items[0]!;
    partner = await newSignedInStaff(browser, server, {
      email: 'partner@example.test',
      role: 'partner',
      password,
      landing: 'Referrals to your agency',
    });
    const linked = beacon(server, ['agencies', 'members', 'add', '--email', 'partner@example.test', '--agency', first.code]);
    expect(linked.code, linked.stderr).toBe(0);
    await expect.poll(() => page.getByRole('radio', { name: first.name }).isChecked()).toBe(true);
    await page
      .getByLabel('Summary for the agency')
      .fill('Child about 12 held at the Route 66 motel now; the number matches an earlier advert.');
    await page.getByRole('button', { name: 'Refer to the agency' }).click();
    await page.getByText('Referred. The agency has it in its Beacon inbox.').waitFor();
    const list = page.getByRole('list', { name: 'Referrals of this tip' });
    await expect.poll(() => list.textContent()).toContain('Waiting for acknowledgement');
    referral = /REF-\d{4}-\d{6}/.exec((await list.textContent()) ?? '')![0];
  });

  it('lets the partner see only that referral, download the lead package and report the outcome', async () => {
    const page = partner.page;
    await page.reload();
    await page.getByRole('heading', { name: 'Referrals to your agency' }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: referral }).click();
    await page.getByRole('heading', { name: `Referral ${referral}` }).waitFor();
    // Partners see only download buttons on a referral: the referral itself is on the screen, in words.
    await page.getByRole('heading', { name: 'What happened' }).waitFor();
    const main = page.locator('main');
    await expect.poll(() => main.textContent()).toContain('A girl who looks about 12 is kept in room 12 at the Route 66 motel.');
    expect(await page.getByRole('list', { name: 'Where' }).textContent()).toContain('Tulsa, Oklahoma');
    expect(await page.getByRole('list', { name: 'The children as described' }).textContent()).toContain('About 12 years old');
    expect(await page.getByRole('list', { name: 'Why this is urgent' }).textContent()).toContain('Marked urgent by the reporter');
    expect(await main.textContent()).toContain(
      'Child about 12 held at the Route 66 motel now; the number matches an earlier advert.',
    );
    expect(await main.textContent()).toContain('Please acknowledge by');
    expect(await main.textContent()).not.toMatch(/child_sex_trafficking|\d{4}-\d{2}-\d{2}T/);
    await expectAccessible(page, 'partner referral');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the lead package (PDF)' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('the clearinghouse can see that your agency has the referral').waitFor();
    // After acknowledging, "Please acknowledge by" stays; "Investigation opened" is pre-selected.
    await page.getByText('Acknowledged on').waitFor();
    expect(await main.textContent()).not.toContain('Please acknowledge by');
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByText('Child located', { exact: true }).click();
    await page.getByLabel('Notes for the clearinghouse (optional)').fill('Found safe; placed with an aunt.');
    await page.getByRole('button', { name: 'Report the outcome' }).click();
    await page.getByText('The clearinghouse can see the outcome.').waitFor();
    const other = await page.request.get(`${server.url}/api/v1/reports/${refs.routine}`);
    expect(other.status()).toBe(404);
  });

  it('shows the analyst the outcome', async () => {
    const page = analyst.page;
    await page.reload();
    const list = page.getByRole('list', { name: 'Referrals of this tip' });
    await expect.poll(() => list.textContent()).toContain('Child located');
    await expect.poll(() => list.textContent()).toContain('Found safe; placed with an aunt.');
  });

  it("shows an analyst who opens the referral no Acknowledge or outcome controls (Analysts see the partner's Acknowledge/Outcome buttons)", async () => {
    const page = analyst.page;
    await page.goto(`${server.url}/app/referrals/${referral}`);
    await page.getByRole('heading', { name: 'What happened' }).waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Report the outcome' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download the lead package (PDF)' }).count()).toBe(1);
    await page.goto(`${server.url}/app/reports/${refs.urgent}`);
    await page.getByRole('heading', { name: `Tip ${refs.urgent}` }).waitFor();
  });

  it("refers to an agency that does not cover the tip's place only with a reason and a confirmation", async () => {
    const page = analyst.page;
    await page.locator('label[for="agency-other"]').click();
    await page.getByText('This agency does not cover the place in the tip.').waitFor();
    await expect.poll(() => page.locator('#referral-other-agency option').count()).toBeGreaterThan(10);
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Texas ICAC Task Force (demo)' });
    await page.getByLabel('Why this agency').selectOption({ label: "A person reported lives or operates in the agency's area" });
    await page
      .getByLabel('Summary for the agency')
      .fill('The man who answers the number drives the girl to Amarillo at weekends.');
    await expectAccessible(page, 'referral outside the place');
    await page.getByRole('button', { name: 'Refer to the agency' }).click();
    // Not confirmed yet: the browser keeps the form, and nothing is sent.
    expect(
      await page
        .getByLabel('I confirm the referral to an agency that does not cover the place in the tip')
        .evaluate((e) => (e as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing),
    ).toBe(true);
    await page.locator('label[for="referral-outside-confirm"]').click();
    await page.getByRole('button', { name: 'Refer to the agency' }).click();
    // Nobody at the Texas task force is on Beacon: no inbox, but its phone, and a record of how it was passed on.
    await page.getByText('Referred. Texas ICAC Task Force (demo) is not on Beacon').waitFor();
    const list = page.getByRole('list', { name: 'Referrals of this tip' });
    await expect.poll(() => list.textContent()).toContain('Texas ICAC Task Force (demo)');
    await expect
      .poll(() => list.textContent())
      .toMatch(/not on Beacon: nobody there can see or acknowledge the referral\. Contact it by phone \+?[0-9]/);
    const passOn = page.getByRole('form', { name: /was passed on/ });
    await passOn.getByLabel('How it was passed on').selectOption({ label: 'By phone' });
    await passOn.getByLabel('To whom at the agency').selectOption({ label: 'Duty officer' });
    await passOn.getByLabel('Note (optional)').fill('Read the summary to the duty desk.');
    await expectAccessible(page, 'referral to an agency not on Beacon');
    await passOn.getByRole('button', { name: 'Record how it was passed on' }).click();
    await expect.poll(() => list.textContent()).toContain('Passed on by phone to the duty officer on');
    await expect.poll(() => list.textContent()).toContain('Passed on outside Beacon');
    await expect
      .poll(() => list.textContent())
      .toContain("outside the agency's area: A person reported lives or operates in the agency's area");
    const sent = (await (await page.request.get(`${server.url}/api/v1/referrals?tip=${refs.urgent}`)).json()) as {
      items: { agencyName: string; outsideJurisdiction: string | null }[];
    };
    expect(sent.items).toHaveLength(2);
    expect(sent.items.map((i) => i.outsideJurisdiction)).toEqual(expect.arrayContaining(['person_there', null]));
  });

  it('lets a supervisor change the urgency rules, saved as a new version', async () => {
    const sup = await newSignedInStaff(browser, server, {
      email: 'supervisor@example.test',
      role: 'supervisor',
      password,
      landing: 'Tips to triage',
    });
    const page = sup.page;
    await page.getByRole('navigation', { name: 'Triage' }).getByRole('link', { name: 'Urgency rules' }).click();
    await page.getByRole('heading', { name: 'Urgency rules', level: 1 }).waitFor();
    await page.getByText('Version 1 in force.').waitFor();
    await expectAccessible(page, 'urgency rules');
    // USWDS draws the box on the label; the input itself is visually hidden.
    await page.locator('label[for="rule-location_now-on"]').click();
    expect(await page.getByLabel('Apply “Where the child is now”').isChecked()).toBe(false);
    await page.getByLabel('What changed and why').fill('Location alone lifts too many tips this month');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'Version 2,' }).textContent())
      .toContain('Location alone lifts too many tips this month');
    const saved = (await (await page.request.get(`${server.url}/api/v1/triage/rules`)).json()) as {
      current: { version: number; rules: { code: string; enabled: boolean }[] };
    };
    expect(saved.current.version).toBe(2);
    expect(saved.current.rules.find((r) => r.code === 'location_now')!.enabled).toBe(false);
  });
});
