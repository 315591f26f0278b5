import { readFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox, type TestMailbox } from '../test/smtp.ts';
import { expectAccessible, launchBrowser, newSignedInStaff } from './browser.ts';
import { beacon, ROOT, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let smtp: TestMailbox;

interface QuizFile {
  questions: { prompt: string; choices: { text: string; correct: boolean }[] }[];
}
const quizOf = (lang: 'en' | 'es') =>
  JSON.parse(readFileSync(`${ROOT}/src/training/content/recognise-respond/${lang}/quiz.json`, 'utf8')) as QuizFile;

beforeAll(async () => {
  smtp = await startMailbox();
  server = await startServer({ env: { BEACON_SMTP_HOST: '127.0.0.1', BEACON_SMTP_PORT: String(smtp.port) } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

async function publicPage(width = 1280): Promise<Page> {
  // axe runs as a script in the page, so JavaScript stays on; noScript() checks the pages bring none.
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  return context.newPage();
}

async function answerQuizCorrectly(page: Page, lang: 'en' | 'es'): Promise<void> {
  const quiz = quizOf(lang);
  for (const fieldset of await page.locator('form fieldset').all()) {
    const legend = (await fieldset.locator('legend').textContent()) ?? '';
    const question = quiz.questions.find((q) => legend.endsWith(q.prompt))!;
    // USWDS hides the native radio behind its label: click the label, as a person would.
    await fieldset.getByText(question.choices.find((c) => c.correct)!.text, { exact: true }).click();
  }
}

/** Public pages work without JavaScript: they bring none, and every step is a link or a form post. */
async function noScript(page: Page): Promise<void> {
  expect(await page.locator('script').count(), page.url()).toBe(0);
}

/** The session.ics part of a raw message, decoded when the mailer sent it as base64. */
function icsOf(raw: string): string {
  const body = /filename=session\.ics[\s\S]*?\r?\n\r?\n([\s\S]*?)\r?\n--/.exec(raw)?.[1] ?? '';
  return body.startsWith('BEGIN:') ? body : Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
}

async function noSideways(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow, `${what} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
}

describe('training', () => {
  it('lets an anonymous learner finish the modules, a case and the quiz in Spanish, on a phone, on pages that carry no script', async () => {
    const page = await publicPage(375);
    await page.goto(`${server.url}/learn/courses?lang=es`);
    await expectAccessible(page, 'the course list');
    await noSideways(page, 'the course list');
    await page.getByRole('link', { name: 'Educación' }).click();
    await expectAccessible(page, 'the path overview');
    await page.getByRole('link', { name: 'Empezar el primer módulo' }).click();
    for (let n = 1; n <= 3; n++) {
      await page.getByText(`Módulo ${n} de 3`).waitFor();
      await expectAccessible(page, `module ${n}`);
      await noScript(page);
      await noSideways(page, `module ${n}`);
      // Read in order: the title, then the text, then its sources, then the way on.
      const tree = await page.locator('main').ariaSnapshot();
      expect(tree.indexOf('heading "Fuentes"')).toBeGreaterThan(tree.indexOf('heading'));
      expect(tree.indexOf('navigation')).toBeGreaterThan(tree.indexOf('heading "Fuentes"'));
      await page.getByRole('link', { name: /^Siguiente/ }).click();
    }
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Una alumna que siempre se duerme');
    await page.getByRole('button', { name: 'Ver qué pasa' }).click();
    await page.getByText('Elija una respuesta para ver qué pasa.').first().waitFor();
    await expectAccessible(page, 'the case with its error');
    // By keyboard alone: the arrow keys move through the options, Enter sends the form.
    await page.locator('#choice-c').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Una buena decisión' }).waitFor();
    await expectAccessible(page, 'the case explained');
    await page.getByRole('link', { name: 'Continuar al cuestionario' }).click();
    await expectAccessible(page, 'the quiz');
    await noScript(page);
    await page.getByRole('button', { name: 'Comprobar mis respuestas' }).click();
    await page.getByText(/^0 de 5 correctas/).waitFor();
    await expectAccessible(page, 'a failed quiz');
    await page.getByRole('link', { name: 'Intentarlo de nuevo con preguntas nuevas' }).click();
    await answerQuizCorrectly(page, 'es');
    await page.getByRole('button', { name: 'Comprobar mis respuestas' }).click();
    await page.getByText('Ha aprobado: 5 de 5 correctas.').waitFor();
    await expectAccessible(page, 'a passed quiz');
    await page.context().close();
  });

  it('gives a teacher who passed a certificate whose code verifies, and an Open Badges credential that fails when one byte changes', async () => {
    const page = await publicPage();
    await page.goto(`${server.url}/learn/courses/recognise-respond/education/quiz`);
    await answerQuizCorrectly(page, 'en');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    await page.getByText('Enter your name (at most 120 characters).').first().waitFor();
    await expectAccessible(page, 'the certificate form with its error');
    await page.getByLabel('Your name').fill('Tess Teacher-Example');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Your certificate');
    await expectAccessible(page, 'the certificate page');
    const code = (await page.locator('main strong').first().textContent())!;

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the certificate (PDF)' }).click();
    const pdf = readFileSync((await (await download).path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('link', { name: 'See what others see when they check the code' }).click();
    await page.getByText('This certificate is valid.').waitFor();
    expect(await page.locator('dl').textContent()).toContain('Tess Teacher-Example');
    await expectAccessible(page, 'the verify page');
    await page.goto(`${server.url}/verify/QQQQ-QQQQ`);
    await page.getByText('No certificate has this code.').waitFor();
    await expectAccessible(page, 'the verify page of an unknown code');

    const jwt = await (await page.request.get(`${server.url}/learn/certificates/${code}/credential.jwt`)).text();
    const jwks = createLocalJWKSet(
      (await (await page.request.get(`${server.url}/.well-known/jwks.json`)).json()) as JSONWebKeySet,
    );
    const { payload } = await jwtVerify(jwt, jwks);
    expect(payload.type).toContain('OpenBadgeCredential');
    const bytes = Buffer.from(jwt);
    const at = jwt.indexOf('.') + 10; // a byte inside the credential itself
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    await expect(jwtVerify(bytes.toString(), jwks)).rejects.toThrow();

    const revoke = beacon(server, ['training', 'revoke', '--code', code]);
    expect(revoke.stdout, revoke.stderr).toContain(`Revoked ${code}.`);
    await page.goto(`${server.url}/verify/${code}`);
    await page.getByText('This certificate has been revoked.').waitFor();
    await expectAccessible(page, 'the verify page of a revoked certificate');
    await page.context().close();
  });

  it('lets a trainer schedule a session that fills up; a cancellation promotes the first on the waitlist, whose email with an .ics arrives', async () => {
    const trainer = await newSignedInStaff(browser, server, {
      email: 'trainer@example.test',
      role: 'trainer',
      password: 'trainer passphrase for the e2e',
      landing: 'Training sessions',
    });
    const { page: staff } = trainer;
    await expectAccessible(staff, 'the sessions screen');
    const start = new Date(Date.now() + 3 * 86_400_000);
    const local = (d: Date) => d.toISOString().slice(0, 16);
    await staff.getByLabel('Audience').selectOption('education');
    await staff.getByLabel('Place', { exact: true }).fill('Public library, room 2');
    await staff.getByLabel('Starts (UTC)').fill(local(start));
    await staff.getByLabel('Ends (UTC)').fill(local(new Date(start.getTime() + 2 * 3600_000)));
    await staff.getByLabel('Places', { exact: true }).fill('1');
    await staff.getByRole('button', { name: 'Schedule the session' }).click();
    await staff.getByText('Session scheduled.').waitFor();
    await expectAccessible(staff, 'the sessions screen with a session');

    const page = await publicPage(375);
    await page.goto(`${server.url}/learn/sessions`);
    await expectAccessible(page, 'the public session list');
    await noScript(page);
    await page.getByRole('link', { name: /^Register for this session/ }).click();
    await expectAccessible(page, 'the session registration form');
    await noScript(page);
    const register = async (name: string, email: string) => {
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Register' }).click();
    };
    const sessionUrl = page.url();
    await register('Ana First', 'ana.first@example.test');
    await page.getByText('You have a place. We have emailed you').waitFor();
    await expectAccessible(page, 'a booked place');
    const firstManage = page.url().split('?')[0]!;
    await page.goto(sessionUrl);
    await register('Ben Second', 'ben.second@example.test');
    await page.getByText('The session is full, so you are on the waitlist.').waitFor();
    await expectAccessible(page, 'a waitlisted place');

    await page.goto(firstManage);
    await page.getByRole('button', { name: 'Cancel my place' }).click();
    await page.getByText('Your place is cancelled.').first().waitFor();
    await expectAccessible(page, 'a cancelled place');

    await staff.getByRole('link', { name: /UTC$/ }).first().click();
    const roster = staff.getByRole('table', { name: 'Roster, in registration order' });
    await roster.waitFor();
    await expectAccessible(staff, 'the roster');
    expect(await roster.getByRole('row').filter({ hasText: 'Ana First' }).textContent()).toContain('Cancelled');
    expect(await roster.getByRole('row').filter({ hasText: 'Ben Second' }).textContent()).toContain('Booked');

    // The email job runs every 30 seconds; the promotion reaches the test SMTP server with its invitation.
    const deadline = Date.now() + 80_000;
    let promotion: string | undefined;
    while (!promotion && Date.now() < deadline) {
      promotion = smtp.messages.find((m) => m.includes('ben.second@example.test') && /Subject: A place opened for you/.test(m));
      if (!promotion) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(promotion).toBeDefined();
    expect(promotion).toMatch(/filename=session\.ics/);
    expect(icsOf(promotion!)).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*DTSTART:\d{8}T\d{6}Z\r\n/);
    expect(server.output.join('\n')).not.toContain('ben.second@example.test');
    await page.context().close();
    await staff.context().close();
  });

  it('keeps a registered teacher’s certificate on their account, and its code verifies', async () => {
    const page = await publicPage();
    await page.goto(`${server.url}/learn/account/register`);
    await expectAccessible(page, 'the registration form');
    await noScript(page);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByText('Enter your organisation.').first().waitFor();
    await expectAccessible(page, 'the registration form with its errors');
    await page.getByLabel('Your name').fill('Rita Registered');
    await page.getByLabel('Email').fill('rita@school.example');
    await page.getByLabel('Organisation').fill('Example Middle School');
    await page.getByLabel('Your work').selectOption('education');
    await page.getByLabel('State').selectOption('OK');
    await page.getByLabel('Password').fill('a long teacher passphrase');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.getByRole('heading', { name: 'Your training' }).waitFor();
    await expectAccessible(page, 'the learner account page');

    await page.goto(`${server.url}/learn/courses/recognise-respond/education/quiz`);
    await answerQuizCorrectly(page, 'en');
    await page.getByRole('button', { name: 'Check my answers' }).click();
    await page.getByLabel('Your name').fill('Rita Registered');
    await page.getByRole('button', { name: 'Get my certificate' }).click();
    const code = (await page.locator('main strong').first().textContent())!;
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the certificate (PDF)' }).click();
    expect(
      readFileSync((await (await download).path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.goto(`${server.url}/verify/${code}`);
    await page.getByText('This certificate is valid.').waitFor();
    expect(await page.locator('dl').textContent()).toContain('Rita Registered');

    await page.goto(`${server.url}/learn/account`);
    await page
      .getByRole('link', { name: /Recognise/ })
      .first()
      .waitFor();
    await expectAccessible(page, 'the account page with a certificate');
    await page.context().close();
  });
});
