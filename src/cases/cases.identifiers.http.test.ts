import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testApp, type TestDatabase } from '../../test/harness.ts';
import { addStaff, as, signIn, type Who } from '../../test/staff.ts';
import type { Actor, Keyring } from '../security/index.ts';
import { caseIdentifierTokens, casesSharingIdentifiers, reindexCases } from './index.ts';

let t: TestDatabase;
let app: FastifyInstance;
let keyring: Keyring;
const who: Record<string, Who> = {};
const ids: Record<string, string> = {};
const staffActor = (id: string, role: 'case_manager' | 'analyst'): Actor => ({
  kind: 'staff',
  id,
  email: `${role}@example.test`,
  role,
  organisation: 'Test',
  jurisdictions: [],
  assignments: [],
});

beforeAll(async () => {
  t = await createTestDatabase();
  const built = await testApp(t);
  app = built.app;
  keyring = built.keyring;
  for (const [n, role] of [
    ['cm', 'case_manager'],
    ['cmB', 'case_manager'],
    ['admin', 'admin'],
  ] as const) {
    ids[n] = await addStaff(t.db, keyring, role, `${n}@example.test`);
    who[n] = await signIn(app, `${n}@example.test`);
  }
  for (const [name, member] of [
    ['Team A', ids.cm],
    ['Team B', ids.cmB],
  ] as const) {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/cases/teams',
          headers: as(who.admin!),
          payload: { name, members: [{ userId: member }] },
        })
      ).statusCode,
    ).toBe(201);
  }
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('cases sharing identifiers (for leads and triage)', () => {
  it('finds the cases holding a number however written, in scope when an actor is given, and survives a reindex', async () => {
    const open = async (w: Who) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: as(w),
        payload: {
          details: {
            identity: { name: 'Tamsin Synthetic-Orr' },
            identifiers: [
              { kind: 'phone', value: '+1 918 555 0142' },
              { kind: 'email', value: 'Tamsin@Example.test' },
            ],
          },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ reference: string }>().reference;
    };
    const mine = await open(who.cm!);
    const theirs = await open(who.cmB!);
    const tokens = caseIdentifierTokens(keyring, [{ kind: 'phone', value: '(918) 555-0142' }]);
    expect((await casesSharingIdentifiers(t.db, tokens)).map((c) => c.reference).sort()).toEqual([mine, theirs].sort());
    expect((await casesSharingIdentifiers(t.db, tokens, staffActor(ids.cm!, 'case_manager'))).map((c) => c.reference)).toEqual([
      mine,
    ]);

    await t.db.deleteFrom('case_identifiers').execute();
    await t.db.deleteFrom('case_name_trigrams').execute();
    expect(await casesSharingIdentifiers(t.db, tokens)).toEqual([]);
    expect(await reindexCases({ db: t.db, keyring })).toBe(2);
    const email = caseIdentifierTokens(keyring, [{ kind: 'email', value: 'tamsin@example.TEST' }]);
    const found = await casesSharingIdentifiers(t.db, [...tokens, ...email]);
    expect(found).toHaveLength(2);
    expect(found[0]!.shared.map((s) => s.kind).sort()).toEqual(['email', 'phone']);
  });
});
