import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './server.ts';

describe('a process that used the embedded PostgreSQL', () => {
  it('keeps its own exit code (a failing test run must not exit 0)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'beacon-exit-'));
    const script = `
      const { startEmbedded } = await import('./src/db/embedded.ts');
      const { createLogger } = await import('./src/core/logger.ts');
      const server = await startEmbedded(${JSON.stringify(dir)}, createLogger('silent'));
      await server.stop();
      process.exitCode = 3;`;
    const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(3);
  });
});
