import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGps, strippedCopy } from '../src/intake/files/exif.ts';
import { hashBytes } from '../src/intake/files/hashing.ts';
import { jpegWithGps, MINIMAL_PDF } from '../src/intake/files/test-images.ts';
import { expectAccessible, launchBrowser, enrolAndSignIn } from './browser.ts';
import { beacon, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let reference: string;
const password = 'a long files passphrase for tests';

const report = {
  incident: { type: 'online_enticement', description: 'An adult account sent a 14-year-old user pictures and asked to meet.' },
  location: { city: 'Tulsa', state: 'OK' },
  online: [{ kind: 'social_platform', platform: 'ExampleChat', identifier: 'user-48151623' }],
  reporter: { anonymous: false, name: 'Safety team', relationship: 'professional' },
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const created = beacon(server, ['tokens', 'create', '--org', 'ExampleChat', '--scope', 'esp:report']);
  const token = /bcn_esp_[\w-]{43}/.exec(created.stdout)?.[0];
  const headers = { authorization: `Bearer ${token}` };
  const open = await fetch(`${server.url}/api/v1/esp/reports`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(report),
  });
  const { reportId } = (await open.json()) as { reportId: string };
  for (const [bytes, name, type] of [
    [jpegWithGps(), 'IMG_0042.jpg', 'image/jpeg'],
    [MINIMAL_PDF, 'notes.pdf', 'application/pdf'],
  ] as const) {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), name);
    expect(
      (await fetch(`${server.url}/api/v1/esp/reports/${reportId}/files`, { method: 'POST', headers, body: form })).status,
    ).toBe(201);
  }
  const finish = await fetch(`${server.url}/api/v1/esp/reports/${reportId}/finish`, { method: 'POST', headers });
  reference = ((await finish.json()) as { reference: string }).reference;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the files of an ESP tip', () => {
  it('lists hashes and the location as text, passes axe, and downloads a copy without EXIF', async () => {
    expect(
      beacon(
        server,
        ['users', 'add', '--email', 'files-analyst@example.test', '--role', 'analyst', '--password-stdin'],
        `${password}\n`,
      ).code,
    ).toBe(0);
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await enrolAndSignIn(page, server.url, 'files-analyst@example.test', password);
    await page.goto(`${server.url}/app/reports/${reference}`);
    await page.getByRole('heading', { name: 'Files', exact: true }).waitFor();
    await page.getByText('Location in the file: 36.15, -95.98333').waitFor();
    const table = page.getByRole('table', { name: `Files sent with tip ${reference}` });
    expect((await table.textContent())?.replace(/\s/g, '')).toContain(hashBytes(jpegWithGps()).sha256);
    // Nothing the provider sent is drawn in the page.
    expect(await page.locator('main img, main video, main iframe, main object, main embed').count()).toBe(0);
    await expectAccessible(page, 'tip with files');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download IMG_0042.jpg' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^file-[0-9a-f-]{36}\.jpg$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.equals(strippedCopy(jpegWithGps(), 'image/jpeg'))).toBe(true);
    expect(await readGps(bytes, 'image/jpeg')).toBeUndefined();
    await expectAccessible(page, 'tip with files after a download');
    await context.close();
  });
});
