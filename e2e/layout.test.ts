/**
 * Every staff screen, with the demo data, at a laptop's and a phone's size: the page never scrolls
 * sideways, no table scrolls inside its box, no block of text is squeezed narrower than a readable
 * width, the console stays free of errors (CSP violations included), and axe finds nothing.
 * Set `BEACON_SCREENSHOTS=1` to refresh the README's screenshots in `docs/images/`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advertStream } from '../test/adverts/generator.ts';
import { enrolAndSignIn, expectAccessible, launchBrowser } from './browser.ts';
import { beacon, ROOT, startServer, type RunningServer } from './server.ts';

type Role =
  | 'admin'
  | 'supervisor'
  | 'analyst'
  | 'case_manager'
  | 'partner'
  | 'operator'
  | 'recovery'
  | 'plan_participant'
  | 'expert'
  | 'volunteer'
  | 'family_advocate'
  | 'trainer';
/** Records the screens show, found in the demo data once it is loaded. */
type Demo = {
  tip: string;
  caseRef: string;
  referral: string;
  advert: number;
  network: string;
  planCase: string;
  myPlan: string;
  reviewRequest: string;
  family: string;
  trainingSession: string;
};
type Screen = { name: string; role: Role; path: (demo: Demo) => string; heading: string | RegExp; shot?: string };

/** The staff screens, one line each, with the role that sees them. */
const SCREENS: readonly Screen[] = [
  { name: 'triage queue', role: 'analyst', path: () => '/app/', heading: 'Tips to triage', shot: 'staff-queue' },
  { name: 'tip', role: 'analyst', path: (d) => `/app/reports/${d.tip}`, heading: /^Tip /, shot: 'staff-tip' },
  { name: 'referrals', role: 'analyst', path: () => '/app/referrals', heading: 'Referrals' },
  { name: 'urgency rules', role: 'supervisor', path: () => '/app/triage/rules', heading: 'Urgency rules' },
  { name: 'partner inbox', role: 'partner', path: () => '/app/referrals', heading: 'Referrals to your agency' },
  { name: 'referral', role: 'partner', path: (d) => `/app/referrals/${d.referral}`, heading: /^Referral / },
  { name: 'cases', role: 'case_manager', path: () => '/app/cases', heading: 'Cases' },
  { name: 'new case', role: 'case_manager', path: () => '/app/cases/new', heading: 'Open a case' },
  { name: 'case', role: 'case_manager', path: (d) => `/app/cases/${d.caseRef}`, heading: /^Case /, shot: 'staff-case' },
  { name: 'deadlines', role: 'supervisor', path: () => '/app/cases/dashboard', heading: 'Deadlines and tasks' },
  { name: 'hotline', role: 'operator', path: () => '/app/hotline', heading: 'Hotline' },
  { name: 'leads queue', role: 'analyst', path: () => '/app/leads', heading: 'Advert leads', shot: 'staff-leads' },
  { name: 'advert search', role: 'analyst', path: () => '/app/adverts?q=town', heading: 'Search adverts' },
  { name: 'advert', role: 'analyst', path: (d) => `/app/adverts/${d.advert}`, heading: /^Advert / },
  {
    name: 'network and movement map',
    role: 'analyst',
    path: (d) => `/app/networks/${d.network}`,
    heading: /^Network /,
    shot: 'staff-network',
  },
  { name: 'hubs and lexicon', role: 'supervisor', path: () => '/app/leads/settings', heading: 'Hubs and indicators' },
  { name: 'staff', role: 'admin', path: () => '/app/admin/staff', heading: 'Staff' },
  { name: 'reset requests', role: 'admin', path: () => '/app/admin/resets', heading: 'Reset requests' },
  { name: 'sign-ins', role: 'admin', path: () => '/app/admin/sign-ins', heading: 'Sign-ins' },
  { name: 'API tokens', role: 'admin', path: () => '/app/admin/tokens', heading: 'API tokens' },
  { name: 'agencies', role: 'admin', path: () => '/app/admin/agencies', heading: 'Agencies' },
  {
    name: 'recovery plan',
    role: 'supervisor',
    path: (d) => `/app/cases/${d.planCase}/plan`,
    heading: /^Victim assistance plan for /,
    shot: 'staff-plan',
  },
  { name: 'plan templates', role: 'supervisor', path: () => '/app/plan-templates', heading: 'Plan templates' },
  { name: "participant's plans", role: 'plan_participant', path: () => '/app/my/plans', heading: 'Plans you help with' },
  {
    name: "participant's part of a plan",
    role: 'plan_participant',
    path: (d) => `/app/my/plans/${d.myPlan}`,
    heading: 'Your part of the plan',
  },
  { name: 'resource directory', role: 'recovery', path: () => '/app/directory', heading: 'Resource directory' },
  { name: 'statistics dashboards', role: 'supervisor', path: () => '/app/stats', heading: 'Statistics', shot: 'staff-stats' },
  { name: 'review requests', role: 'expert', path: () => '/app/review', heading: 'Review requests' },
  { name: 'review request', role: 'expert', path: (d) => `/app/review/requests/${d.reviewRequest}`, heading: /\S/ },
  { name: 'consultation time', role: 'expert', path: () => '/app/review/time', heading: 'Consultation time' },
  { name: 'families', role: 'family_advocate', path: () => '/app/families', heading: 'Families' },
  { name: 'family', role: 'family_advocate', path: (d) => `/app/families/${d.family}`, heading: /family$/ },
  { name: "volunteer's families", role: 'volunteer', path: () => '/app/my/families', heading: 'Your families' },
  { name: 'volunteers', role: 'supervisor', path: () => '/app/volunteers', heading: 'Volunteers' },
  { name: 'matching', role: 'supervisor', path: () => '/app/volunteers/match', heading: 'Match volunteers with families' },
  { name: 'training sessions', role: 'trainer', path: () => '/app/training/sessions', heading: 'Training sessions' },
  {
    name: 'training session roster',
    role: 'trainer',
    path: (d) => `/app/training/sessions/${d.trainingSession}`,
    heading: / UTC$/,
  },
];

const SIZES = [
  { name: 'laptop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Narrower than this, a wrapped block of text reads a word or two a line. */
const READABLE_PX = 150;

let server: RunningServer;
let browser: Browser;
let dir: string;
const demo: Demo = {
  tip: '',
  caseRef: '',
  referral: '',
  advert: 0,
  network: '',
  planCase: '',
  myPlan: '',
  reviewRequest: '',
  family: '',
  trainingSession: '',
};
const pages = new Map<Role, { page: Page; errors: string[] }>();

/** `beacon demo` prints each role's email and one-time password. */
function demoSignIns(stdout: string): Map<Role, { email: string; password: string }> {
  const out = new Map<Role, { email: string; password: string }>();
  for (const m of stdout.matchAll(/^\s+(\w+)\s+(\S+@demo\.beacon\.test)\s+(\S+)$/gm))
    out.set(m[1] as Role, { email: m[2]!, password: m[3]! });
  return out;
}

const LANDING: Record<Role, string> = {
  admin: 'Staff',
  supervisor: 'Tips to triage',
  analyst: 'Tips to triage',
  case_manager: 'Cases',
  partner: 'Referrals to your agency',
  operator: 'Hotline',
  recovery: 'Cases',
  plan_participant: 'Plans you help with',
  expert: 'Review requests',
  volunteer: 'Your families',
  family_advocate: 'Families',
  trainer: 'Training sessions',
};

async function signIn(role: Role, account: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript({ path: path.join(ROOT, 'e2e', 'layout.browser.js') });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  await enrolAndSignIn(page, server.url, account.email, account.password, LANDING[role]);
  pages.set(role, { page, errors });
  return page;
}

async function api<T>(page: Page, method: 'GET' | 'POST', url: string, data?: object): Promise<T> {
  const session = (await (await page.request.get(`${server.url}/api/v1/auth/session`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${server.url}${url}`, {
    method,
    headers: { 'X-CSRF-Token': session.csrfToken },
    ...(data ? { data } : {}),
  });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** The first record a role lists at this address (the demo made it). */
async function firstId(page: Page, url: string): Promise<string> {
  const { items } = await api<{ items: { id: string }[] }>(page, 'GET', url);
  expect(items.length, `records at ${url}`).toBeGreaterThan(0);
  return items[0]!.id;
}

/** The demo's recovery, review and family records the newer screens show. */
async function findDemoRecords(): Promise<void> {
  const supervisor = pages.get('supervisor')!.page;
  const cases = await api<{ items: { reference: string }[] }>(supervisor, 'GET', '/api/v1/cases');
  for (const c of cases.items) {
    const res = await supervisor.request.get(`${server.url}/api/v1/cases/${c.reference}/plan`);
    if (res.ok() && ((await res.json()) as { plan?: unknown }).plan) {
      demo.planCase = c.reference;
      break;
    }
  }
  expect(demo.planCase, 'a demo case with a victim assistance plan').not.toBe('');
  demo.myPlan = await firstId(pages.get('plan_participant')!.page, '/api/v1/my/plans');
  demo.reviewRequest = await firstId(pages.get('expert')!.page, '/api/v1/review/requests');
  demo.family = await firstId(pages.get('family_advocate')!.page, '/api/v1/advocacy/families');
}

/** The demo schedules no training, so a session is planted with a learner booked on it through the public form. */
async function plantTrainingSession(trainer: Page): Promise<void> {
  const starts = new Date(Date.now() + 7 * 86_400_000);
  const created = await api<{ id: string }>(trainer, 'POST', '/api/v1/training/sessions', {
    course: 'recognise-respond',
    audience: 'child_welfare',
    lang: 'en',
    place: 'Synthetic County Library, second-floor community meeting room',
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 3 * 3600_000).toISOString(),
    capacity: 12,
  });
  demo.trainingSession = created.id;
  const booked = await trainer.request.post(`${server.url}/learn/sessions/${created.id}`, {
    form: { name: 'Synthetic Layout Learner', email: 'layout.learner.with.a.long.address@example.test' },
    maxRedirects: 0,
  });
  expect(booked.status(), 'booking the planted session').toBe(303);
}

/**
 * The demo's referral is made here, and a case whose phone two planted adverts carry (one written in
 * words) makes the advert and network screens show a known record. The case page shows the demo case with most episodes.
 */
async function fillLeadsAndReferral(analyst: Page, supervisor: Page, caseManager: Page): Promise<void> {
  await api<{ reference: string }>(supervisor, 'POST', '/api/v1/cases', {
    details: {
      identity: { name: 'Synthetic Layout Child', aliases: [] },
      identifiers: [{ kind: 'phone', value: '(405) 555-0177' }],
    },
    state: 'OK',
  });
  const adverts = [...advertStream(120, 11)].map(({ truth: _truth, ...advert }) => advert);
  adverts.push(
    {
      id: 'layout-1',
      site: 'ads.example',
      posted_at: '2026-04-01T20:00:00Z',
      city: 'Tulsa',
      state: 'OK',
      title: 'New in town',
      body: 'Sweet and fun, new in town. Txt four zero five five five five zero one seven seven, ask for Kali',
    } as never,
    {
      id: 'layout-2',
      site: 'ads.example',
      posted_at: '2026-04-05T20:00:00Z',
      city: 'Dallas',
      state: 'TX',
      title: 'Visiting',
      body: 'Kali here this week only, call 405-555-0177',
    } as never,
  );
  const file = path.join(dir, 'adverts.jsonl');
  await writeFile(file, `${adverts.map((a) => JSON.stringify(a)).join('\n')}\n`);
  const imported = beacon(server, ['leads', 'import', file], undefined, 180_000);
  expect(imported.code, imported.stderr).toBe(0);
  const found = await api<{ items: { id: number; sourceId: string; network: string | null }[] }>(
    analyst,
    'GET',
    `/api/v1/adverts?q=${encodeURIComponent('Kali')}`,
  );
  const advert = found.items.find((a) => a.sourceId === 'layout-1')!;
  demo.advert = advert.id;
  demo.network = advert.network!;

  const queue = await api<{ items: { reference: string; state: string | null }[] }>(
    analyst,
    'GET',
    '/api/v1/triage/queue?limit=100',
  );
  demo.tip = queue.items[0]!.reference;
  for (const tip of queue.items.filter((t) => t.state === 'OK')) {
    const agencies = await api<{ items: { id: string; name: string }[] }>(
      analyst,
      'GET',
      `/api/v1/triage/tips/${tip.reference}/agencies`,
    );
    const tulsa = agencies.items.find((a) => a.name.startsWith('Tulsa Police'));
    if (!tulsa) continue;
    const referred = await api<{ reference: string }>(analyst, 'POST', `/api/v1/triage/tips/${tip.reference}/referrals`, {
      agencyId: tulsa.id,
      summary: 'Synthetic: a child about 15 seen at a Tulsa motel; the number matches an advert.',
    });
    demo.referral = referred.reference;
    break;
  }
  expect(demo.referral, 'a demo tip in Oklahoma to refer').not.toBe('');
  const cases = await api<{ items: { reference: string; episodeCount: number }[] }>(caseManager, 'GET', '/api/v1/cases');
  demo.caseRef = [...cases.items].sort((x, y) => y.episodeCount - x.episodeCount)[0]!.reference;
}

/** Waits until the screen's heading is there and nothing says it is still loading. */
async function settle(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Loading/ })
    .first()
    .waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-e2e-layout-'));
  server = await startServer();
  // A busy machine may take more than a minute over the demo.
  const filled = beacon(
    server,
    ['demo', '--tips', '60', '--cases', '10', '--seed', '11', '--last-year-tips', '0', '--adverts', '400'],
    undefined,
    180_000,
  );
  expect(filled.code, filled.stderr).toBe(0);
  browser = await launchBrowser();
  const accounts = demoSignIns(filled.stdout);
  for (const role of new Set(SCREENS.map((s) => s.role))) await signIn(role, accounts.get(role)!);
  await fillLeadsAndReferral(pages.get('analyst')!.page, pages.get('supervisor')!.page, pages.get('case_manager')!.page);
  await findDemoRecords();
  await plantTrainingSession(pages.get('trainer')!.page);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.each(SIZES)('every staff screen at $width×$height ($name)', (size) => {
  it.each(SCREENS)('$name fits, reads, logs no error and passes axe', async (screen) => {
    const { page, errors } = pages.get(screen.role)!;
    await page.setViewportSize({ width: size.width, height: size.height });
    errors.length = 0;
    await page.goto(`${server.url}${screen.path(demo)}`);
    await settle(page, screen.heading);
    if (screen.name.startsWith('network'))
      await page.locator('[data-testid="network-graph"] canvas').first().waitFor({ state: 'attached' });
    expect(await page.evaluate(`window.beaconLayoutProblems(${READABLE_PX})`), `layout of ${screen.name}`).toEqual([]);
    expect(errors, `console errors on ${screen.name}`).toEqual([]);
    await expectAccessible(page, `${screen.name} at ${size.width}px`);
    if (screen.shot && size.name === 'laptop' && process.env.BEACON_SCREENSHOTS) {
      await page.screenshot({ path: path.join(ROOT, 'docs', 'images', `${screen.shot}.png`) });
    }
  });
});

describe('the urgency rules screen', () => {
  const rules = async (width: number, height: number): Promise<Page> => {
    const { page } = pages.get('supervisor')!;
    await page.setViewportSize({ width, height });
    await page.goto(`${server.url}/app/triage/rules`);
    await settle(page, 'Urgency rules');
    return page;
  };

  it.each(SIZES)('shows each priority in full in its dropdown at $width px', async ({ width, height }) => {
    const page = await rules(width, height);
    const clipped = await page.evaluate('window.beaconClippedSelects(\'select[id$="-priority"]\')');
    expect(clipped).toEqual([]);
  });

  it('names the unit of each threshold and of the response times', async () => {
    const page = await rules(1366, 900);
    await expect.poll(() => page.locator('label[for="rule-young_child-threshold"]').textContent()).toMatch(/years/);
    await expect.poll(() => page.locator('label[for="rule-repeated_reports-threshold"]').textContent()).toMatch(/tips/);
    for (const priority of ['immediate', 'high', 'elevated', 'routine']) {
      expect(await page.locator(`label[for="sla-${priority}"]`).textContent()).toMatch(/hours/);
    }
    expect(await page.locator('label[for="rule-young_child-threshold"]').isVisible()).toBe(true);
  });

  it('starts the change note empty, not with the note of the version in force', async () => {
    const page = await rules(1366, 900);
    const current = (await (await page.request.get(`${server.url}/api/v1/triage/rules`)).json()) as { current: { note: string } };
    expect(current.current.note).not.toBe('');
    expect(await page.getByLabel('What changed and why').inputValue()).toBe('');
  });
});
