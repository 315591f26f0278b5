import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser } from './browser.ts';
import { beacon, startServer, superuser, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
const password = 'a long demo passphrase for tests';
const distinctiveName = 'Ottoline Brackenbury-Synthetic';
const references: string[] = [];

/** Presses a visible button of the step-by-step form by its name, as a person would. */
async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the walking skeleton, end to end', () => {
  it('takes a tip from the public form with JavaScript off, in a phone-sized window', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/report`);
    await press(page, 'Continue');
    expect(await page.locator('.usa-alert--error').count()).toBeGreaterThan(0);
    await page.fill(
      '#incident-description',
      'A girl who looks about 15 is brought to the motel on Route 9 by an older man most nights.',
    );
    await press(page, 'Continue');
    await page.fill('#location-city', 'Tulsa');
    await page.selectOption('#location-state', 'OK');
    await press(page, 'Continue');
    await page.fill('#children-0-approximateAge', '15');
    await press(page, 'Continue');
    await press(page, 'Continue');
    // USWDS hides the native radio behind its styled label; as a person would, click the label.
    await page.locator('label[for="reporter-anonymous-no"]').click();
    await page.fill('#reporter-name', distinctiveName);
    await press(page, 'Continue');
    expect(await page.locator('.review-answer', { hasText: distinctiveName }).count()).toBe(1);
    await press(page, 'Send report');
    const reference = await page.locator('[data-reference]').getAttribute('data-reference');
    expect(reference).toMatch(/^BCN-\d{4}-\d{6}$/);
    references.push(reference!);
    await context.close();
  });

  it('passes an accessibility scan of the public pages, fitting a phone screen', async () => {
    // axe runs as script in the page, so the scan uses a JavaScript-enabled browser on the same HTML.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/report`);
    await expectAccessible(page, '/report');
    await press(page, 'Continue');
    await page.locator('.usa-alert--error').first().waitFor();
    await expectAccessible(page, '/report with errors');
    await page.goto(`${server.url}/report?lang=es`);
    await expectAccessible(page, '/report?lang=es');
    for (const path of ['/report', '/learn', '/learn?lang=es']) {
      await page.goto(`${server.url}${path}`);
      expect(await page.evaluate('document.documentElement.scrollWidth'), `${path} is wider than the phone`).toBeLessThanOrEqual(
        390,
      );
    }
    await context.close();
  });

  it('takes a tip with JavaScript on, and serves /learn in English and Spanish', async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(`${server.url}/report`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.fill('#incident-description', 'Un niño de unos 13 años duerme en un coche detrás de la parada de camiones.');
    await press(page, 'Continuar');
    await page.selectOption('#location-state', 'NV');
    for (let i = 0; i < 4; i++) await press(page, 'Continuar');
    await press(page, 'Enviar reporte');
    const reference = await page.locator('[data-reference]').getAttribute('data-reference');
    expect(reference).toMatch(/^BCN-/);
    references.push(reference!);
    for (const path of ['/learn', '/learn?lang=en']) {
      await page.goto(`${server.url}${path}`);
      await expectAccessible(page, path);
    }
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await context.close();
  });

  it('lets an analyst sign in with TOTP, see the tip in the queue and read it', async () => {
    const created = beacon(
      server,
      ['users', 'add', '--email', 'analyst@example.test', '--role', 'analyst', '--password-stdin'],
      `${password}\n`,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/app/`);
    await page.getByLabel('Email').fill('analyst@example.test');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await expectAccessible(page, 'staff sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const secretText = await page.locator('.beacon-secret code').textContent({ timeout: 15_000 });
    await expectAccessible(page, 'TOTP enrolment');
    await page
      .getByLabel('6-digit code from your authenticator app')
      .fill(await generate({ secret: secretText!.replace(/\s/g, '') }));
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByRole('heading', { name: 'Tips to triage' }).waitFor();
    for (const reference of references) await expect.poll(() => page.getByRole('link', { name: reference }).count()).toBe(1);
    await expectAccessible(page, 'tip queue');
    await page.getByRole('link', { name: references[0]! }).click();
    await page.getByRole('heading', { name: `Tip ${references[0]}` }).waitFor();
    await expect.poll(() => page.getByText('brought to the motel on Route 9').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(distinctiveName).count()).toBe(1);
    await expectAccessible(page, 'tip detail');
  });

  it('verifies the audit log, lists the read, and names an entry altered in SQL', async () => {
    const verified = beacon(server, ['audit', 'verify']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('chain intact');
    expect(verified.stdout).toMatch(new RegExp(`analyst@example\\.test report\\.read report ${references[0]}`));
    const db = await superuser(server.dataDir);
    let seq: number;
    try {
      const row = await db.query<{ seq: string }>(
        `select seq from audit_entries where action = 'report.read' order by seq limit 1`,
      );
      seq = Number(row.rows[0]!.seq);
      await db.query('begin');
      await db.query('set local session_replication_role = replica');
      await db.query(`update audit_entries set actor_label = 'someone-else@example.test' where seq = $1`, [seq]);
      await db.query('commit');
    } finally {
      await db.end();
    }
    const tampered = beacon(server, ['audit', 'verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain(`entry #${seq} was altered`);
  });

  it('kept the reporter’s name out of every log line', () => {
    const log = server.output.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain('Ottoline');
    expect(log).not.toContain('Brackenbury');
  });
});
