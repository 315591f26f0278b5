import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm test on a machine without Chromium', () => {
  it('stops before anything runs, with one line naming the command to run first', async () => {
    const outcome = await run('bash', ['scripts/test-needs.sh', '/nonexistent/chromium']).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
    expect(outcome.stderr).toContain('apt-get install -y chromium');
  });

  it('runs first in the test script', async () => {
    const { readFile } = await import('node:fs/promises');
    const script = (await readFile('scripts/test.sh', 'utf8')).split('\n');
    const first = script.findIndex((l) => l.includes('npm run') || l.includes('npx '));
    expect(script.findIndex((l) => l.includes('scripts/test-needs.sh'))).toBeLessThan(first);
  });
});
