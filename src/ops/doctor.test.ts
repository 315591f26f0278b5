import { execFile } from 'node:child_process';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { diagnose, keyFileFinding, report, smtpFinding } from './doctor.ts';

const run = promisify(execFile);

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function deployment(keyMode: number) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'beacon-doctor-'));
  const keyFile = path.join(dir, 'beacon.key');
  await writeFile(keyFile, '{}');
  await chmod(keyFile, keyMode);
  const env = {
    NODE_ENV: 'test',
    BEACON_DATA_DIR: dir,
    BEACON_KEY_FILE: keyFile,
    DATABASE_URL: `postgres://beacon:hunter2secret@127.0.0.1:${await closedPort()}/beacon`,
  };
  return { keyFile, env };
}

describe('beacon doctor', () => {
  it('explains a world-readable key file and names the chmod', async () => {
    const { keyFile } = await deployment(0o644);
    const finding = keyFileFinding(keyFile);
    expect(finding.verdict).toBe('fail');
    expect(finding.says).toContain(`chmod 600 ${keyFile}`);
    expect(finding.says).toMatch(/can be read by other users \(mode 644\)/);
  });

  it('accepts a key file only its owner can read', async () => {
    const { keyFile } = await deployment(0o600);
    expect(keyFileFinding(keyFile).verdict).toBe('ok');
  });

  it('explains an unreachable database without showing its password', async () => {
    const { env } = await deployment(0o600);
    const findings = await diagnose({ env });
    const database = findings.find((f) => f.check === 'Database')!;
    expect(database.verdict).toBe('fail');
    expect(database.says).toMatch(/cannot reach the database at 127\.0\.0\.1:\d+\/beacon \(ECONNREFUSED\)/);
    expect(JSON.stringify(findings)).not.toContain('hunter2secret');
    expect(report(findings).healthy).toBe(false);
  });

  it('names the variable of a configuration it cannot read', async () => {
    const findings = await diagnose({ env: { NODE_ENV: 'test', PORT: 'eighty' } });
    expect(findings).toEqual([expect.objectContaining({ verdict: 'fail', says: expect.stringContaining('PORT') })]);
  });

  it('says a mail server that does not answer is a failure', async () => {
    const finding = await smtpFinding({ BEACON_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    expect(finding.verdict).toBe('fail');
    expect(finding.says).toContain('ECONNREFUSED');
  });

  it('exits non-zero from the command line, with both problems in plain words', async () => {
    const { env, keyFile } = await deployment(0o604);
    const outcome = await run(process.execPath, ['bin/beacon.js', 'doctor'], { env: { ...process.env, ...env } }).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => err,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain(`FAIL  Key file: ${keyFile} can be read by other users`);
    expect(outcome.stdout).toContain('FAIL  Database: cannot reach the database');
  }, 60_000);
});
