import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testKeyring, type TestDatabase } from '../../test/harness.ts';
import { PUBLIC_ACTOR, rotateKeys, sealAll, verifyAuditChain, type Keyring, type StaffActor } from '../security/index.ts';
import { allSealedColumns } from '../modules.ts';
import { listReports, readReport, submitReport, type Submission } from './intake.service.ts';

let t: TestDatabase;
let keyring: Keyring;
let keyFile: string;
beforeAll(async () => {
  t = await createTestDatabase();
  ({ keyring, keyFile } = await testKeyring());
});
afterAll(async () => t.close());

const tip = (description: string, state = 'OK') => ({
  incident: { type: 'child_sex_trafficking', description },
  location: { city: 'Tulsa', state },
  children: [{ approximateAge: 15, gender: 'female' }],
  reporter: { anonymous: false, name: 'Zephyrine Okonkwo-Testperson', email: 'zephyrine@example.org' },
});

const submit = (body: unknown, extra: Partial<Submission> = {}) =>
  submitReport({ db: t.db, keyring }, { body, channel: 'api', lang: 'en', actor: PUBLIC_ACTOR, ...extra });

const analyst = (jurisdictions: string[] = []): StaffActor => ({
  kind: 'staff',
  id: '00000000-0000-4000-8000-0000000000a1',
  email: 'analyst@example.test',
  role: 'analyst',
  organisation: 'Test',
  jurisdictions,
  assignments: [],
});

describe('submitReport', () => {
  it('stores the narrative and names encrypted, never in plain text', async () => {
    const outcome = await submit(tip('A girl of about fifteen is taken to the motel on Route 9 each night.'));
    expect(outcome.kind).toBe('created');
    const row = await t.db.selectFrom('reports').selectAll().executeTakeFirstOrThrow();
    expect(row.body_enc).not.toContain('Zephyrine');
    expect(row.body_enc).not.toContain('motel');
    expect(row).toMatchObject({ state: 'OK', city: 'Tulsa', child_ages: [15], anonymous: false, channel: 'api' });
  });

  it('returns the same reference for a retried submission and stores one tip', async () => {
    const body = tip('Same tip sent twice because the connection dropped midway.');
    const results = await Promise.all([1, 2, 3].map(() => submit(body, { idempotencyKey: 'retry-key-0001' })));
    const references = new Set(results.map((r) => ('reference' in r ? r.reference : r.kind)));
    expect(references.size).toBe(1);
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    const count = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('reference', 'in', [...references])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses a reused key with different content where keys belong to one caller (ESP, hotline)', async () => {
    await submit(tip('First version of a tip sent with this key.'), { idempotencyKey: 'reused-key-0001', channel: 'esp' });
    expect(
      await submit(tip('A different tip that reuses the same key.'), { idempotencyKey: 'reused-key-0001', channel: 'esp' }),
    ).toEqual({ kind: 'idempotency_mismatch' });
  });

  it('Trust: on the public API a reused key with different content makes a new tip, so a stranger is never refused', async () => {
    const first = await submit(tip('A tip sent by one member of the public.'), { idempotencyKey: 'public-key-0001' });
    const second = await submit(tip('Another tip, by someone else who happened on the same key.'), {
      idempotencyKey: 'public-key-0001',
    });
    expect(first.kind).toBe('created');
    expect(second.kind).toBe('created');
  });

  it('writes nothing when the tip is invalid', async () => {
    const before = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const outcome = await submit({ incident: { description: 5 } });
    expect(outcome).toMatchObject({ kind: 'invalid', errors: [{ path: 'incident.description' }] });
    const after = await t.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('reading tips', () => {
  it('lists the queue newest first with a working cursor, and audits the look', async () => {
    for (let i = 0; i < 5; i++)
      await submit(tip(`Queue ordering tip number ${i} with enough words.`), { receivedAt: new Date(Date.UTC(2026, 0, 1 + i)) });
    const first = await listReports({ db: t.db, keyring }, analyst(), { status: 'new', limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await listReports({ db: t.db, keyring }, analyst(), { status: 'new', limit: 100, before: first.nextCursor! });
    const all = [...first.items, ...second.items].map((i) => i.receivedAt.getTime());
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set([...first.items, ...second.items].map((i) => i.reference)).size).toBe(all.length);
    const audited = await t.db.selectFrom('audit_entries').select('action').where('action', '=', 'report.list').execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });

  it('opens a tip, records the read, and hides tips outside the analyst’s states', async () => {
    const created = await submit(tip('A tip from Texas about a child seen at a truck stop.', 'TX'));
    if (created.kind !== 'created') throw new Error(created.kind);
    const opened = await readReport({ db: t.db, keyring }, analyst(), created.reference);
    expect(opened.kind === 'ok' && opened.view.report.reporter.name).toBe('Zephyrine Okonkwo-Testperson');
    const read = await t.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'report.read')
      .where('target_id', '=', created.reference)
      .execute();
    expect(read).toHaveLength(1);
    expect(await readReport({ db: t.db, keyring }, analyst(['OK']), created.reference)).toEqual({ kind: 'not_found' });
    const okOnly = await listReports({ db: t.db, keyring }, analyst(['OK']), { status: 'new', limit: 100 });
    expect(okOnly.items.every((i) => i.state === 'OK')).toBe(true);
    await sealAll(t.db);
    expect(await verifyAuditChain(t.db)).toMatchObject({ kind: 'ok', unsealed: 0 });
  });
});

describe('key rotation', () => {
  it('re-encrypts every tip to the new key, and they still open', async () => {
    const result = await rotateKeys(
      { db: t.db, keyring, keyFile },
      { columns: allSealedColumns, retire: true, propagationMs: 0 },
    );
    expect(result.reencrypted).toBeGreaterThan(5);
    const rows = await t.db.selectFrom('reports').select(['body_enc', 'reference']).execute();
    expect(rows.every((r) => r.body_enc.startsWith(`v1.${result.newKeyId}.`))).toBe(true);
    const opened = await readReport({ db: t.db, keyring }, analyst(), rows[0]!.reference);
    expect(opened.kind).toBe('ok');
  });
});
