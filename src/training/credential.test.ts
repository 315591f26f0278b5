import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { encodeStatusList, signCompletion, signStatusList, STATUS_LIST_BITS, type Completion } from './credential.ts';
import { loadIssuerKey } from './issuer-key.ts';

const issuer = { publicUrl: 'https://beacon.example.org', organisation: 'Example Clearinghouse' };
const completion: Completion = {
  code: 'ABCD-2345',
  name: 'Dana Teacher',
  courseSlug: 'recognise-respond',
  courseTitle: 'Recognise and respond',
  courseSummary: 'Three short modules.',
  issuedAt: new Date('2026-12-01T10:00:00Z'),
  statusIndex: 7,
};

function bitsOf(encoded: string): Buffer {
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

describe('Open Badges credential', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'issuer-')), 'training-issuer.jwk');
  const key = await loadIssuerKey(file);

  it('keeps the key owner-only and reads the same key back', async () => {
    expect(statSync(file).mode & 0o077).toBe(0);
    expect((await loadIssuerKey(file)).publicJwk).toEqual(key.publicJwk);
    expect(key.publicJwk).not.toHaveProperty('d');
  });

  it('verifies against the published key, and not when one byte changes', async () => {
    const jwt = await signCompletion(key, issuer, completion);
    const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, {
      issuer: 'https://beacon.example.org/api/v1/training/issuer',
    });
    expect(protectedHeader.typ).toBe('vc+jwt');
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload).toMatchObject({ credentialSubject: { achievement: { name: 'Recognise and respond' } } });
    const [head, body, sig] = jwt.split('.') as [string, string, string];
    const json = Buffer.from(body, 'base64url').toString('utf8').replace('Dana Teacher', 'Dana Teachex');
    const tampered = `${head}.${Buffer.from(json).toString('base64url')}.${sig}`;
    await expect(jwtVerify(tampered, jwks)).rejects.toThrow(/signature/i);
  });

  it('publishes a status list whose set bits are exactly the revoked indexes', async () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: STATUS_LIST_BITS - 1 }), { maxLength: 30 }), (revoked) => {
        const bits = bitsOf(encodeStatusList(revoked));
        expect(bits.length * 8).toBe(STATUS_LIST_BITS);
        for (const index of revoked) expect((bits[index >> 3]! >> (7 - (index & 7))) & 1).toBe(1);
        const set = [...bits].reduce((n, b) => n + b.toString(2).replaceAll('0', '').length, 0);
        expect(set).toBe(revoked.length);
      }),
    );
    const list = decodeJwt(await signStatusList(key, issuer, [7], new Date()));
    expect(list).toMatchObject({ credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' } });
    expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(/outside the list/);
  });
});
