import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newSignedInStaff, type SignedInStaff } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
type Staff = SignedInStaff;
let cm: Staff;
let sup: Staff;
let reference = '';
const password = 'a long dashboard passphrase for tests';
const taskTitle = 'Call the group home about the curfew';
const changedTitle = 'Call the group home about the curfew and the bus pass';

/** A `datetime-local` value some minutes from now, in this machine's time zone (the browser's too). */
function minutesFromNow(minutes: number): string {
  const d = new Date(Date.now() + minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function signedIn(email: string, role: string, landing: string): Promise<SignedInStaff> {
  return newSignedInStaff(browser, server, { email, role, password, landing });
}

const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const overdue = (page: Page) => page.getByTestId('overdue');
const dueSoon = (page: Page) => page.getByTestId('due-soon');

async function openDashboard(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Cases' }).getByRole('link', { name: 'Deadlines' }).click();
  await page.getByRole('heading', { name: 'Deadlines and tasks', level: 1 }).waitFor();
  await expect.poll(() => page.getByText('Loading deadlines and tasks…').count()).toBe(0);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the case manager’s and supervisor’s dashboard', () => {
  it('sets up a team and a case whose child has been missing for 30 hours with no reports', async () => {
    cm = await signedIn('dash-cm@example.test', 'case_manager', 'Cases');
    sup = await signedIn('dash-sup@example.test', 'supervisor', 'Tips to triage');
    const admin = await signedIn('dash-admin@example.test', 'admin', 'Staff');
    const team = await admin.page.request.post(`${server.url}/api/v1/cases/teams`, {
      headers: { 'X-CSRF-Token': admin.csrf },
      data: { name: 'Missing from care team', members: [{ userId: cm.id }, { userId: sup.id, supervises: true }] },
    });
    expect(team.status(), await team.text()).toBe(201);
    const teamId = ((await team.json()) as { id: string }).id;
    const created = await cm.page.request.post(`${server.url}/api/v1/cases`, {
      headers: { 'X-CSRF-Token': cm.csrf },
      data: {
        details: { identity: { name: 'Juniper Synthetic-Ashgrove', approximateAge: 14 } },
        assigneeId: cm.id,
        teamId,
        state: 'OK',
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    reference = ((await created.json()) as { reference: string }).reference;
    const episode = await cm.page.request.post(`${server.url}/api/v1/cases/${reference}/episodes`, {
      headers: { 'X-CSRF-Token': cm.csrf },
      data: { leftFrom: 'placement', knownMissingAt: new Date(Date.now() - 30 * 3_600_000).toISOString() },
    });
    expect(episode.status(), await episode.text()).toBe(201);
  });

  it('shows both 24-hour clocks overdue on the case manager’s dashboard', async () => {
    await openDashboard(cm.page);
    expect(await cm.page.title()).toContain('Deadlines and tasks');
    expect(await cm.page.evaluate('document.activeElement?.tagName')).toBe('H1');
    expect(await cm.page.locator('h1').count()).toBe(1);
    for (const kind of ['report_law_enforcement', 'report_clearinghouse']) {
      const row = overdue(cm.page).locator(`[data-clock="${kind}"]`);
      await row.waitFor();
      expect(await row.textContent()).toMatch(/overdue by 6 h/);
      expect(await row.getByRole('link', { name: reference }).count()).toBe(1);
    }
    expect(await overdue(cm.page).getByText('Report to law enforcement (24 h)').count()).toBe(1);
    expect(await overdue(cm.page).getByText('No task is overdue.').count()).toBe(1);
    expect(await dueSoon(cm.page).getByText('No clock runs out in the next 24 hours.').count()).toBe(1);
    expect(await dueSoon(cm.page).getByText('No task is due in the next 24 hours.').count()).toBe(1);
    expect(await cm.page.locator('#dashboard-whose').count()).toBe(0);
    await expectAccessible(cm.page, 'case manager’s dashboard');
  });

  it('shows them on the supervisor’s team view, and not on “assigned to me”', async () => {
    await sup.page.reload();
    await openDashboard(sup.page);
    expect(await sup.page.inputValue('#dashboard-whose')).toBe('team');
    for (const kind of ['report_law_enforcement', 'report_clearinghouse']) {
      await overdue(sup.page).locator(`[data-clock="${kind}"]`).getByRole('link', { name: reference }).waitFor();
    }
    await expectAccessible(sup.page, 'supervisor’s team dashboard');
    await sup.page.selectOption('#dashboard-whose', 'mine');
    await overdue(sup.page).getByText('No clock has run out on a case assigned to you.').waitFor();
    // The analyst's Deadlines page says "No clock has run out" while cases they can open are overdue: say whose clocks are shown.
    expect(await sup.page.getByTestId('whose-clocks').textContent()).toContain('only the cases assigned to you');
    await expectAccessible(sup.page, 'supervisor’s own dashboard, empty');
    await sup.page.selectOption('#dashboard-whose', 'team');
    await overdue(sup.page).locator('[data-clock="report_law_enforcement"]').waitFor();
  });

  it('adds a task on the case page, and the dashboards show it', async () => {
    await overdue(cm.page).getByRole('link', { name: reference }).first().click();
    await cm.page.getByRole('heading', { name: `Case ${reference}`, level: 1 }).waitFor();
    await cm.page.getByText('No open tasks.').waitFor();
    await press(cm.page, 'Add a task');
    await press(cm.page, 'Save the task');
    await cm.page.getByRole('link', { name: /What needs doing: is required/ }).waitFor();
    await cm.page.fill('#task-title', taskTitle);
    await cm.page.fill('#task-dueAt', minutesFromNow(120));
    await expectAccessible(cm.page, 'add a task form');
    await press(cm.page, 'Save the task');
    await cm.page.getByTestId('open-tasks').getByText(`${taskTitle}.`).waitFor();
    expect(await cm.page.getByTestId('open-tasks').textContent()).toContain('Owner: You');
    await expectAccessible(cm.page, 'case page with a task');

    await openDashboard(cm.page);
    const row = dueSoon(cm.page).getByRole('row', { name: new RegExp(taskTitle) });
    await row.waitFor();
    expect(await row.textContent()).toContain(reference);
    expect(await row.textContent()).toMatch(/due in 1 h \d+ min|due in 2 h/);
    expect(await row.textContent()).toContain('You');
    await expectAccessible(cm.page, 'dashboard with a task');

    await sup.page.reload();
    await sup.page.getByRole('heading', { name: 'Deadlines and tasks', level: 1 }).waitFor();
    const supRow = dueSoon(sup.page).getByRole('row', { name: new RegExp(taskTitle) });
    await supRow.waitFor();
    // The owner by name (from the team directory), not an id or a vague phrase.
    await expect.poll(() => supRow.textContent()).toContain('dash-cm');
  });

  it('catches a stale “Mark done”, then marks the task done and it leaves the dashboard', async () => {
    await cm.page.getByRole('link', { name: reference }).first().click();
    await cm.page.getByRole('heading', { name: `Case ${reference}`, level: 1 }).waitFor();
    await cm.page.getByTestId('open-tasks').getByText(`${taskTitle}.`).waitFor();

    // The supervisor changes the task after the case manager opened the page.
    const tasks = (await (await sup.page.request.get(`${server.url}/api/v1/cases/${reference}/tasks`)).json()) as {
      items: { id: string; version: number }[];
    };
    const task = tasks.items[0]!;
    const changed = await sup.page.request.patch(`${server.url}/api/v1/cases/${reference}/tasks/${task.id}`, {
      headers: { 'X-CSRF-Token': sup.csrf },
      data: { version: task.version, title: changedTitle },
    });
    expect(changed.status(), await changed.text()).toBe(200);

    await cm.page.getByRole('button', { name: `Mark done: ${taskTitle}` }).click();
    const notice = cm.page.getByTestId('task-notice');
    await notice.getByText(/Someone changed this task/).waitFor();
    await cm.page.getByTestId('open-tasks').getByText(`${changedTitle}.`).waitFor();
    await expectAccessible(cm.page, 'stale task notice');

    await cm.page.getByRole('button', { name: `Mark done: ${changedTitle}` }).click();
    await notice.getByText(`Marked done: ${changedTitle}`).waitFor();
    await cm.page.getByText('No open tasks.').waitFor();
    expect(await cm.page.getByTestId('done-tasks').textContent()).toContain(changedTitle);

    await openDashboard(cm.page);
    await dueSoon(cm.page).getByText('No task is due in the next 24 hours.').waitFor();
    expect(await cm.page.getByText(changedTitle).count()).toBe(0);
    await overdue(cm.page).locator('[data-clock="report_law_enforcement"]').waitFor();
  });

  it('kept the child’s name out of every log line', () => {
    expect(server.output.join('')).not.toContain('Ashgrove');
  });
});
