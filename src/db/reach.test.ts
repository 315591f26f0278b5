import { chmod, mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.ts';
import { startEmbedded } from './embedded.ts';
import { blockedFolder, postgresAccount, unreachableMessage } from './reach.ts';

const stranger = { uid: 4_000_123, gids: [4_000_123] };

async function closedHome(): Promise<{ home: string; dataDir: string }> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'beacon-home-'));
  await chmod(home, 0o700);
  const dataDir = path.join(home, 'beacon', 'data');
  await mkdir(dataDir, { recursive: true });
  return { home, dataDir };
}

describe('starting as root where the postgres user cannot go', () => {
  it('finds the first folder another user cannot pass through', async () => {
    const { home, dataDir } = await closedHome();
    expect(blockedFolder(dataDir, stranger)).toEqual({ folder: home, mode: '700' });
    await chmod(home, 0o711);
    expect(blockedFolder(dataDir, stranger)).toBeUndefined();
  });

  it('says exactly what to do when the data folder is out of reach', async () => {
    const { home, dataDir } = await closedHome();
    const message = unreachableMessage(dataDir, stranger, os.tmpdir())!;
    expect(message).toContain(`cannot enter ${home} (mode 700)`);
    expect(message).toContain('BEACON_DATA_DIR=/var/lib/beacon');
    expect(message).toContain(`chmod o+x ${home}`);
    expect(message).toContain('run Beacon as an ordinary user');
  });

  it('names the programs too when Beacon itself is installed there', async () => {
    const { home, dataDir } = await closedHome();
    const message = unreachableMessage(dataDir, stranger, path.join(home, 'beacon', 'node_modules'))!;
    expect(message).toContain('its data folder and its programs');
    expect(message).toContain('install Beacon in a folder others can pass through');
  });

  it.runIf(process.getuid?.() === 0)('as root, stops before initdb with that message instead of Permission denied', async () => {
    const { home, dataDir } = await closedHome();
    const account = await postgresAccount();
    expect(blockedFolder(dataDir, account)?.folder).toBe(home);
    await expect(startEmbedded(dataDir, createLogger('silent'))).rejects.toThrow(`chmod o+x ${home}`);
  });
});
