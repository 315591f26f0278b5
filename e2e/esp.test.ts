import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../src/intake/files/storage.ts';
import { patternPng } from '../src/intake/files/test-images.ts';
import { Keyring } from '../src/security/index.ts';
import { beacon, startServer, superuser, type RunningServer } from './server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

const report = {
  incident: {
    type: 'child_sex_trafficking',
    description: 'Profile advertises a girl described as 16 for meetings at truck stops along I-40.',
  },
  online: [{ kind: 'web_page', identifier: 'https://classifieds.example/ad/90210' }],
  reporter: { anonymous: false, name: 'Safety team', relationship: 'professional' },
};

describe('an ESP with a token from the command line', () => {
  it('creates a token, sends a report with a file, survives a key rotation, and is shut out once revoked', async () => {
    const created = beacon(server, [
      'tokens',
      'create',
      '--org',
      'ExampleChat',
      '--scope',
      'esp:report',
      '--label',
      'nightly export',
    ]);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const token = /bcn_esp_[\w-]{43}/.exec(created.stdout)?.[0];
    const id = /Created token (\S+)/.exec(created.stdout)?.[1];
    expect(token).toBeTruthy();
    const headers = { authorization: `Bearer ${token}` };

    const open = await fetch(`${server.url}/api/v1/esp/reports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': 'e2e-open-000001' },
      body: JSON.stringify(report),
    });
    expect(open.status).toBe(201);
    const { reportId } = (await open.json()) as { reportId: string };
    const form = new FormData();
    form.append('file', new Blob([patternPng({ metadata: true })], { type: 'image/png' }), 'screen.png');
    const up = await fetch(`${server.url}/api/v1/esp/reports/${reportId}/files`, { method: 'POST', headers, body: form });
    expect(up.status).toBe(201);
    const file = (await up.json()) as { fileId: string; sha256: string };
    const finish = await fetch(`${server.url}/api/v1/esp/reports/${reportId}/finish`, { method: 'POST', headers });
    expect(finish.status).toBe(201);

    const rotated = beacon(server, ['keys', 'rotate']);
    expect(rotated.code).toBe(0);
    const db = await superuser(server.dataDir);
    try {
      const { rows } = await db.query<{ storage_key: string; data_key_enc: string }>(
        'select storage_key, data_key_enc from esp_files where id = $1',
        [file.fileId],
      );
      const keyring = await Keyring.open(path.join(server.dataDir, 'beacon.key'));
      expect(Keyring.keyIdOf(rows[0]!.data_key_enc)).toBe(keyring.currentKeyId);
      const bytes = await new FileStore(server.dataDir, keyring).get(file.fileId, {
        storageKey: rows[0]!.storage_key,
        dataKeyEnc: rows[0]!.data_key_enc,
      });
      expect(bytes.equals(patternPng({ metadata: true }))).toBe(true);
      const tokens = await db.query<{ token_hash: string }>('select token_hash from api_tokens');
      expect(tokens.rows.map((r) => r.token_hash)).not.toContain(token);
    } finally {
      await db.end();
    }

    const list = beacon(server, ['tokens', 'list']);
    expect(list.stdout).toContain(`${id}  ExampleChat  esp:report`);
    expect(list.stdout).not.toContain(token!);
    expect(beacon(server, ['tokens', 'revoke', '--id', 'nope']).code).toBe(1);
    const revoked = beacon(server, ['tokens', 'revoke', '--id', id!]);
    expect(revoked.code).toBe(0);
    const after = await fetch(`${server.url}/api/v1/esp/reports/${reportId}/finish`, { method: 'POST', headers });
    expect(after.status).toBe(401);
    expect(server.output.join('')).not.toContain(token!);
  });
});
