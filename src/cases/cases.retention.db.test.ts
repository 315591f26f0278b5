import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testKeyring, type TestDatabase } from '../../test/harness.ts';
import { addStaff } from '../../test/staff.ts';
import type { Keyring, Role, StaffActor } from '../security/index.ts';
import { retentionCutoff, retentionReview } from './cases.retention.ts';
import { createCase, decideClose, requestClose, saveTeam, type CasesDeps } from './cases.service.ts';
import { addEpisode, addLink, addNote, addObservation, addTask } from './cases.work.service.ts';

let t: TestDatabase;
let keyring: Keyring;
let deps: CasesDeps;
const staff: Record<string, StaffActor> = {};
const cli = { kind: 'system', label: 'test' } as const;
const YEAR = 365.25 * 86_400_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const actor = (id: string, role: Role, email: string): StaffActor => ({
  kind: 'staff',
  id,
  email,
  role,
  organisation: 'Test',
  jurisdictions: [],
  assignments: [],
});

beforeAll(async () => {
  t = await createTestDatabase();
  keyring = (await testKeyring()).keyring;
  deps = { db: t.db, keyring };
  for (const [n, role] of [
    ['cm', 'case_manager'],
    ['sup', 'supervisor'],
    ['admin', 'admin'],
  ] as const) {
    staff[n] = actor(await addStaff(t.db, keyring, role, `${n}@example.test`), role, `${n}@example.test`);
  }
  const team = await saveTeam(deps, { actor: staff.admin! }, null, {
    name: 'Team',
    members: [{ userId: staff.cm!.id }, { userId: staff.sup!.id, supervises: true }],
  });
  expect(team.kind).toBe('ok');
});
afterAll(async () => t.close());

/** A case with something of every kind inside it; closed unless asked otherwise. */
async function caseWithWork(close = true): Promise<string> {
  const made = await createCase(
    deps,
    { actor: staff.cm! },
    { details: { identity: { name: 'Retention Synthetic Child', approximateAge: 15 } } },
  );
  if (made.kind !== 'ok') throw new Error(made.kind);
  const ref = made.view.reference;
  expect(
    (
      await addEpisode(deps, { actor: staff.cm! }, ref, {
        leftFrom: 'placement',
        knownMissingAt: hoursAgo(50),
        recovery: { recoveredAt: hoursAgo(20) },
      })
    ).kind,
  ).toBe('ok');
  expect(
    (
      await addObservation(deps, { actor: staff.cm! }, ref, {
        observedAt: hoursAgo(10),
        observer: 'Observer Example',
        source: 'caregiver',
        indicator: 'cash_cards_keys',
        task: { title: 'Ask about the key card' },
      })
    ).kind,
  ).toBe('ok');
  expect((await addTask(deps, { actor: staff.cm! }, ref, { title: 'Call the school' })).kind).toBe('ok');
  expect((await addNote(deps, { actor: staff.cm! }, ref, { text: 'Synthetic note' })).kind).toBe('ok');
  expect((await addLink(deps, { actor: staff.cm! }, ref, { kind: 'lead', reference: 'LEAD-1', reason: 'Same phone' })).kind).toBe(
    'ok',
  );
  if (close) {
    const asked = await requestClose(deps, { actor: staff.cm! }, ref, { version: 1, reason: 'recovered' });
    expect(asked.kind).toBe('ok');
    expect((await decideClose(deps, { actor: staff.sup! }, ref, 'approve', { version: 2 })).kind).toBe('ok');
  }
  return ref;
}

const rows = async (table: 'cases' | 'case_episodes' | 'case_observations' | 'case_tasks' | 'case_notes' | 'case_links') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('case retention', () => {
  it('computes the cutoff by calendar years, 29 February falling back to 28', () => {
    expect(retentionCutoff(new Date('2051-06-01T12:00:00Z'), 25).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(retentionCutoff(new Date('2052-02-29T00:00:00Z'), 25).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it('runs only for the command line (a system actor)', async () => {
    await expect(retentionReview({ db: t.db }, staff.sup!, { years: 25, apply: false })).rejects.toThrow();
  });

  it('dry run lists closed cases past the period with counts, and deletes nothing', async () => {
    const closed = await caseWithWork();
    const open = await caseWithWork(false);
    const before = await rows('cases');
    // Today nothing is 25 years old.
    expect((await retentionReview({ db: t.db }, cli, { years: 25, apply: false })).candidates).toEqual([]);
    const later = { db: t.db, now: () => new Date(Date.now() + 26 * YEAR) };
    const report = await retentionReview(later, cli, { years: 25, apply: false });
    const refs = report.candidates.map((c) => c.reference);
    expect(refs).toContain(closed);
    expect(refs).not.toContain(open);
    expect(report.candidates.find((c) => c.reference === closed)!.counts).toEqual({
      episodes: 1,
      observations: 1,
      tasks: 2,
      notes: 1,
      links: 1,
    });
    expect(report.purged).toEqual([]);
    expect(await rows('cases')).toBe(before);
    expect(JSON.stringify(report)).not.toContain('Retention Synthetic Child');
  });

  it('--apply purges each due case with everything in it, audited without content', async () => {
    const closed = await caseWithWork();
    const open = await caseWithWork(false);
    const later = { db: t.db, now: () => new Date(Date.now() + 26 * YEAR) };
    const report = await retentionReview(later, cli, { years: 25, apply: true });
    expect(report.purged).toContain(closed);
    expect(report.purged).not.toContain(open);
    const ids = await t.db.selectFrom('cases').select('reference').execute();
    expect(ids.map((r) => r.reference)).not.toContain(closed);
    expect(ids.map((r) => r.reference)).toContain(open);
    // Only open cases remain, each with its own work: nothing of the purged ones is left behind.
    const remaining = ids.length;
    expect(await rows('case_episodes')).toBe(remaining);
    expect(await rows('case_notes')).toBe(remaining);
    expect(await rows('case_links')).toBe(remaining);
    const audit = await t.db
      .selectFrom('audit_entries')
      .select(['action', 'details'])
      .where('action', '=', 'case.purge')
      .where('target_id', '=', closed)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain('Retention Synthetic Child');
    // A second run finds nothing more to do.
    expect((await retentionReview(later, cli, { years: 25, apply: true })).purged).toEqual([]);
  });
});
