import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let cm: Page;
let sup: Page;
let caseUrl = '';
let tipReference = '';
const password = 'a long case manager passphrase for tests';
const childName = 'Marigold Synthetic-Thistlewood';

/** A `datetime-local` value some minutes ago, in this machine's time zone (the browser's too). */
function minutesAgo(minutes: number): string {
  const d = new Date(Date.now() - minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function signedIn(email: string, role: string, landing: string): Promise<SignedInStaff> {
  return newSignedInStaff(browser, server, { email, role, password, landing });
}

const clock = (page: Page, kind: string) => page.locator(`[data-clock="${kind}"]`).first();
const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a case manager’s case, end to end', () => {
  it('sets up a team as the administrator and takes a tip', async () => {
    const manager = await signedIn('cm@example.test', 'case_manager', 'Cases');
    cm = manager.page;
    expect(new URL(cm.url()).pathname).toBe('/app/cases');
    const supervisor = await signedIn('sup@example.test', 'supervisor', 'Tips to triage');
    sup = supervisor.page;
    const admin = await signedIn('admin@example.test', 'admin', 'Staff');
    const team = await admin.page.request.post(`${server.url}/api/v1/cases/teams`, {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { name: 'Runaway response team', members: [{ userId: manager.id }, { userId: supervisor.id, supervises: true }] },
    });
    expect(team.status(), await team.text()).toBe(201);
    const tip = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        incident: {
          type: 'child_sex_trafficking',
          description: 'A girl of about 15 who ran from a group home is seen at a motel with an older man.',
        },
        location: { city: 'Tulsa', state: 'OK' },
        reporter: { anonymous: true },
      }),
    });
    expect(tip.status).toBe(201);
    tipReference = ((await tip.json()) as { reference: string }).reference;
  });

  it('opens a case for a child who ran from a group home, with errors shown first', async () => {
    await cm.reload();
    await cm.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await expectAccessible(cm, 'case list');
    await cm.getByRole('link', { name: 'Open a case' }).click();
    await cm.getByRole('heading', { name: 'Open a case', level: 1 }).waitFor();
    expect(await cm.title()).toContain('Open a case');
    await expectAccessible(cm, 'open a case form');
    await press(cm, 'Open the case');
    await cm.getByRole('link', { name: /Child’s name: is required/ }).waitFor();
    await expectAccessible(cm, 'open a case form with errors');
    await cm.fill('#case-name', childName);
    await cm.fill('#case-age', '15');
    await cm.selectOption('#case-gender', 'female');
    await cm.selectOption('#case-placement', 'group_home');
    await cm.fill('#case-agency', 'Synthetic County DHS');
    await cm.selectOption('#case-state', 'OK');
    await expect.poll(() => cm.inputValue('#case-team')).not.toBe('');
    await press(cm, 'Open the case');
    await cm.getByRole('heading', { name: /^Case CASE-\d{4}-\d{6,}$/, level: 1 }).waitFor();
    caseUrl = cm.url();
    await expect.poll(() => cm.getByText(childName).count()).toBeGreaterThan(0);
    await expect.poll(() => cm.getByText('Group home', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('records a missing episode and shows both 24-hour clocks running', async () => {
    await press(cm, 'Record a missing episode');
    await cm.selectOption('#episode-new-leftFrom', 'placement');
    await cm.fill('#episode-new-knownMissingAt', minutesAgo(180));
    await cm.fill('#episode-new-lastSeen-place', 'Bus station on Main Street');
    await cm.fill('#episode-new-circumstances', 'Left the group home after an argument; did not come back by curfew.');
    await expectAccessible(cm, 'record a missing episode form');
    await press(cm, 'Save the episode');
    await clock(cm, 'report_law_enforcement').waitFor();
    for (const kind of ['report_law_enforcement', 'report_clearinghouse']) {
      const text = await clock(cm, kind).textContent();
      expect(text).toContain('Due');
      expect(text).toMatch(/due in 2[01] h( \d+ min)?/);
    }
    await expectAccessible(cm, 'case page with clocks');
  });

  it('records the two reports, and the clocks show them met', async () => {
    await press(cm, 'Record the reports');
    await cm.fill('#episode-1-reports-reportedToLawEnforcementAt', minutesAgo(150));
    await cm.fill('#episode-1-reports-reportedToClearinghouseAt', minutesAgo(120));
    await expectAccessible(cm, 'record the reports form');
    await press(cm, 'Save the reports');
    await expect.poll(() => clock(cm, 'report_law_enforcement').textContent()).toContain('Done on time');
    expect(await clock(cm, 'report_clearinghouse').textContent()).toMatch(/met with 2\d h/);
  });

  it('finds the case by a misspelt name, and saves the search as a filter', async () => {
    await cm.goto(`${server.url}/app/cases`);
    await cm.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await cm.fill('#cases-name', 'Marigld Thistlewod');
    await press(cm, 'Search');
    const reference = new URL(caseUrl).pathname.split('/').pop()!;
    await cm.getByRole('link', { name: reference }).waitFor();
    await cm.fill('#saved-filter-name', 'Marigold search');
    await press(cm, 'Save filter');
    await cm.getByRole('button', { name: 'Marigold search', exact: true }).waitFor();
    await expectAccessible(cm, 'case list with a search and a saved filter');
    await cm.goto(caseUrl);
    await cm.getByRole('heading', { name: `Case ${reference}`, level: 1 }).waitFor();
  });

  it('makes a poster: the case manager adds a photo and asks, the supervisor approves, the PDF downloads', async () => {
    // A generated test pattern, never a picture of a person.
    const pattern = await sharp({ create: { width: 200, height: 260, channels: 3, background: '#2e86c1' } })
      .png()
      .toBuffer();
    await cm.setInputFiles('#case-photo', { name: 'pattern.png', mimeType: 'image/png', buffer: pattern });
    await press(cm, 'Upload the photo');
    await cm.getByRole('img', { name: 'Photo 1 of the child' }).waitFor();
    await expectAccessible(cm, 'case page with a photo');
    await press(cm, 'Ask a supervisor to approve the poster');
    await expect.poll(() => cm.getByTestId('poster-state').textContent()).toContain('Approval requested');
    await sup.goto(caseUrl);
    await sup.getByRole('heading', { name: /^Case CASE-/, level: 1 }).waitFor();
    await press(sup, 'Approve the poster');
    await expect.poll(() => sup.getByTestId('poster-state').textContent()).toContain('Approved');
    await expectAccessible(sup, 'case page with an approved poster');
    await cm.reload();
    const [download] = await Promise.all([
      cm.waitForEvent('download'),
      cm.getByRole('link', { name: 'Download the poster (PDF)' }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it('records an observation that raises a task', async () => {
    await press(cm, 'Record an observation');
    await cm.selectOption('#observation-indicator', 'secret_phones');
    await cm.fill('#observation-observedAt', minutesAgo(100));
    await cm.fill('#observation-observer', 'Group home staff member');
    await cm.selectOption('#observation-source', 'caregiver');
    await cm.fill('#observation-note', 'A second phone was found in her room.');
    await cm.fill('#observation-task-title', 'Ask about the second phone');
    await expectAccessible(cm, 'record an observation form');
    await press(cm, 'Save the observation');
    await cm.getByText('A second phone was found in her room.').waitFor();
    await cm.getByText('Ask about the second phone', { exact: true }).waitFor();
  });

  it('records the recovery, the return interview and the screening', async () => {
    await press(cm, 'Record the recovery');
    await cm.fill('#episode-1-recovery-recovery-recoveredAt', minutesAgo(60));
    await cm.fill('#episode-1-recovery-recovery-place', 'Motel on Route 66');
    await cm.fill('#episode-1-recovery-recovery-recoveredBy', 'Tulsa police');
    await press(cm, 'Save the recovery');
    await clock(cm, 'return_interview').waitFor();
    expect(await clock(cm, 'return_interview').textContent()).toContain('Due');

    await press(cm, 'Record the return interview');
    await cm.fill('#episode-1-interview-returnInterview-conductedAt', minutesAgo(40));
    await cm.fill('#episode-1-interview-returnInterview-interviewer', 'Case manager');
    await cm.fill(
      '#episode-1-interview-returnInterview-primaryFactors',
      'Conflict at the placement; an older friend offered a place to stay.',
    );
    await expectAccessible(cm, 'return interview form');
    await press(cm, 'Save the return interview');
    await expect.poll(() => clock(cm, 'return_interview').textContent()).toContain('Done on time');

    await press(cm, 'Record the trafficking screening');
    await cm.fill('#episode-1-screening-screening-screenedAt', minutesAgo(30));
    await cm.fill('#episode-1-screening-screening-screener', 'Case manager');
    await cm.selectOption('#episode-1-screening-screening-outcome', 'indicators_present');
    await expectAccessible(cm, 'screening form');
    await press(cm, 'Save the screening');
    await expect.poll(() => clock(cm, 'trafficking_screening').textContent()).toContain('Done on time');
    await cm.getByText('Screened: signs of sex trafficking present', { exact: false }).first().waitFor();
  });

  it('links the tip with a reason (the team’s supervisor, whose reach covers tips), and suggests gentler words in a note', async () => {
    await sup.goto(caseUrl);
    await sup.getByRole('heading', { name: /^Case CASE-/, level: 1 }).waitFor();
    await press(sup, 'Link a tip or case');
    await sup.fill('#link-reference', tipReference);
    await sup.fill('#link-reason', 'Same motel and description as the recovery.');
    await expectAccessible(sup, 'link form');
    await press(sup, 'Save the link');
    await sup.getByTestId('links').getByRole('link', { name: tipReference }).waitFor();
    await cm.reload();
    await cm.getByTestId('links').getByRole('link', { name: tipReference }).waitFor();

    await cm.fill('#note-text', 'Staff called her a child prostitute; spoke with them about it.');
    await press(cm, 'Save the note');
    const suggestion = cm.getByTestId('language-suggestion');
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('child sex trafficking victim');
    await expect.poll(() => cm.getByTestId('timeline').locator('li').count()).toBeGreaterThan(5);
    await expectAccessible(cm, 'case page after the work');
  });

  it('catches a stale edit: the second user sees what changed and can reload', async () => {
    // The case manager opens the placement form on the version they see…
    await press(cm, 'Change the placement');
    await cm.fill('#placement-details-placement-agencyName', 'Synthetic County Youth Services');
    // …while the supervisor saves a change first.
    await sup.goto(caseUrl);
    await sup.getByRole('heading', { name: /^Case CASE-/, level: 1 }).waitFor();
    await press(sup, 'Change the placement');
    await sup.selectOption('#placement-details-placement-kind', 'foster_family');
    await sup.fill('#placement-details-placement-agencyName', 'Synthetic Foster Network');
    await press(sup, 'Save the placement');
    await expect.poll(() => sup.getByText('Synthetic Foster Network', { exact: true }).count()).toBeGreaterThan(0);

    await press(cm, 'Save the placement');
    const stale = cm.getByTestId('stale-notice');
    await stale.waitFor();
    expect(await stale.textContent()).toContain('Someone else changed this');
    expect(await cm.getByTestId('stale-changes').textContent()).toContain(
      'Placement: now Foster family, Synthetic Foster Network',
    );
    await expectAccessible(cm, 'stale edit notice');
    await press(cm, 'Reload the case');
    await expect.poll(() => cm.getByText('Synthetic Foster Network', { exact: true }).count()).toBeGreaterThan(0);
    expect(await cm.getByText('Synthetic County Youth Services').count()).toBe(0);
  });

  it('requests closing, and the supervisor approves it', async () => {
    await press(cm, 'Request closing');
    await cm.selectOption('#close-reason', 'recovered');
    await cm.fill('#close-note', 'Recovered, interviewed and screened; placed with a foster family.');
    await expectAccessible(cm, 'request closing form');
    await press(cm, 'Ask a supervisor to close the case');
    await cm.getByText('Closing this case has been requested and waits for a supervisor.').waitFor();

    await sup.reload();
    await sup.getByRole('heading', { name: /^Case CASE-/, level: 1 }).waitFor();
    await expectAccessible(sup, 'case page for the supervisor');
    await press(sup, 'Approve closing');
    await sup.getByText('This case is closed and can no longer change.').waitFor();
    expect(await sup.getByRole('button', { name: 'Record a missing episode' }).count()).toBe(0);

    await cm.goto(`${server.url}/app/cases`);
    await cm.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await cm.selectOption('#cases-status', 'closed');
    await cm.getByRole('cell', { name: childName }).waitFor();
    await expectAccessible(cm, 'case list of closed cases');
  });

  it('kept the child’s name out of every log line', () => {
    expect(server.output.join('')).not.toContain('Thistlewood');
  });
});
