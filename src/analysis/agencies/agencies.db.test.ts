import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testKeyring, type TestDatabase } from '../../../test/harness.ts';
import { addStaff } from '../../../test/staff.ts';
import { ForbiddenError, type StaffActor } from '../../security/index.ts';
import { toAgencyCsv } from './agencies.csv.ts';
import { demoAgencies } from './agencies.demo.ts';
import { agencyIdsOfStaff } from './agencies.repo.ts';
import { addAgencyMember, importAgencies, listAgencies, proposeAgenciesFor } from './agencies.service.ts';
import { proposeAgencies } from './jurisdiction.ts';

let t: TestDatabase;
const cli = { kind: 'system', label: 'test' } as const;
const HEADER = 'agency_code,agency_name,agency_kind,phone,email,active,area_kind,state,county,city,tribal_land';
const demoCsv = toAgencyCsv(demoAgencies());

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const count = async (table: 'agencies' | 'agency_areas') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const audits = async (action: string) =>
  (await t.db.selectFrom('audit_entries').select('id').where('action', '=', action).execute()).length;

describe('importing the directory', () => {
  it('writes nothing when any row is bad, and names every bad line', async () => {
    const bad = `${demoCsv.trimEnd()}\nX-1,Bad Agency (demo),sheriff,,,,state,OK,,,\nX-2,Bad Two (demo),other,,,,county,OK,,,\n`;
    const out = await importAgencies({ db: t.db }, cli, bad, { dryRun: false });
    expect(out.kind).toBe('invalid');
    const lines = demoCsv.trimEnd().split('\n').length;
    expect(out.kind === 'invalid' && out.problems.map((p) => `${p.line}:${p.column}`)).toEqual([
      `${lines + 1}:agency_kind`,
      `${lines + 2}:county`,
    ]);
    expect(await count('agencies')).toBe(0);
    expect(await audits('agency.import')).toBe(0);
  });

  it('changes nothing on a dry run but says what would change', async () => {
    const out = await importAgencies({ db: t.db }, cli, demoCsv, { dryRun: true });
    expect(out.kind === 'ok' && [out.applied, out.plan.create.length]).toEqual([false, demoAgencies().length]);
    expect(await count('agencies')).toBe(0);
  });

  it('imports the demo directory, then finds nothing to change on the second import', async () => {
    const first = await importAgencies({ db: t.db }, cli, demoCsv, { dryRun: false });
    expect(first.kind === 'ok' && first.plan.create.length).toBe(demoAgencies().length);
    const areas = await count('agency_areas');
    const second = await importAgencies({ db: t.db }, cli, demoCsv, { dryRun: false });
    expect(second.kind === 'ok' && [second.plan.create.length, second.plan.update.length, second.plan.unchanged.length]).toEqual([
      0,
      0,
      demoAgencies().length,
    ]);
    expect(await count('agencies')).toBe(demoAgencies().length);
    expect(await count('agency_areas')).toBe(areas);
    expect(await audits('agency.create')).toBe(demoAgencies().length);
    expect(await audits('agency.update')).toBe(0);
    expect(await audits('agency.import')).toBe(2);
  });

  it('updates an agency by code and replaces its areas', async () => {
    const csv = [
      HEADER,
      'OK-TULSA-PD,Tulsa Police Department (demo),law_enforcement,918-555-0150,tpd@example.org,true,city,OK,,Tulsa,',
      'OK-TULSA-PD,Tulsa Police Department (demo),law_enforcement,918-555-0150,tpd@example.org,true,city,OK,,Broken Arrow,',
    ].join('\n');
    const out = await importAgencies({ db: t.db }, cli, csv, { dryRun: false });
    expect(out.kind === 'ok' && out.plan.update.map((u) => u.after.code)).toEqual(['OK-TULSA-PD']);
    const [tpd] = await listAgencies({ db: t.db }, cli, { q: 'OK-TULSA-PD' });
    expect(tpd?.phone).toBe('+19185550150');
    expect(tpd?.areas.map((a) => a.city).sort()).toEqual(['Broken Arrow', 'Tulsa']);
    expect(await audits('agency.update')).toBe(1);
  });

  it('refuses staff without agency.manage', async () => {
    const analyst: StaffActor = {
      kind: 'staff',
      id: '00000000-0000-4000-8000-000000000001',
      email: 'a@example.test',
      role: 'analyst',
      organisation: 'T',
      jurisdictions: [],
      assignments: [],
    };
    await expect(importAgencies({ db: t.db }, analyst, demoCsv, { dryRun: true })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('proposing agencies from the database', () => {
  it('ranks like the pure function over the whole directory', async () => {
    const everything = await listAgencies({ db: t.db }, cli, { includeInactive: true, limit: 10_000 });
    for (const place of [
      { state: 'OK', county: 'Tulsa County', city: 'tulsa' },
      { state: 'OK', tribalLand: 'Osage Nation' },
      { state: 'la', county: 'Orleans', city: 'New Orleans' },
      { tribalLand: 'Navajo Nation' },
      { state: 'WY' },
      { city: 'Tulsa' },
    ]) {
      const fromDb = await proposeAgenciesFor(t.db, place);
      expect(fromDb.map((p) => p.reason + p.agency.code)).toEqual(
        proposeAgencies(place, everything).map((p) => p.reason + p.agency.code),
      );
    }
  });

  it('puts the city police first for a tip in Tulsa', async () => {
    const got = await proposeAgenciesFor(t.db, { state: 'OK', county: 'Tulsa', city: 'Tulsa' });
    expect(got.map((p) => [p.agency.code, p.reason])).toEqual([
      ['OK-TULSA-PD', 'covers the city of Tulsa, OK'],
      ['OK-TULSA-SO', 'covers Tulsa County, OK'],
      ['OK-TULSA-CS', 'covers Tulsa County, OK'],
      ['OK-SIB', 'covers all of Oklahoma'],
      ['OK-ICAC', 'covers all of Oklahoma'],
      ['OK-CW', 'covers all of Oklahoma'],
    ]);
  });

  it('has an index that serves the lookup (the table is too small for the planner to prefer it unforced)', async () => {
    const plan = await t.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return sql<{
        'QUERY PLAN': string;
      }>`explain select agency_id from agency_areas where area_kind = 'city' and match_key = 'tulsa' and state = 'OK'`.execute(
        trx,
      );
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index.*agency_areas_lookup/);
  });
});

describe('agency members', () => {
  it('links a partner account to its agency once, audited, and refuses other roles and unknown codes', async () => {
    const { keyring } = await testKeyring();
    const partner = await addStaff(t.db, keyring, 'partner', 'partner@example.test');
    await addStaff(t.db, keyring, 'analyst', 'analyst@example.test');
    const deps = { db: t.db };
    expect(await addAgencyMember(deps, cli, { staffEmail: 'partner@example.test', agencyCode: 'ok-tulsa-pd' })).toEqual({
      kind: 'ok',
      added: true,
    });
    expect(await addAgencyMember(deps, cli, { staffEmail: 'partner@example.test', agencyCode: 'OK-TULSA-PD' })).toEqual({
      kind: 'ok',
      added: false,
    });
    expect((await addAgencyMember(deps, cli, { staffEmail: 'analyst@example.test', agencyCode: 'OK-TULSA-PD' })).kind).toBe(
      'not_partner',
    );
    expect((await addAgencyMember(deps, cli, { staffEmail: 'partner@example.test', agencyCode: 'NOPE' })).kind).toBe(
      'no_such_agency',
    );
    expect((await addAgencyMember(deps, cli, { staffEmail: 'nobody@example.test', agencyCode: 'OK-TULSA-PD' })).kind).toBe(
      'no_such_staff',
    );
    const [tpd] = await listAgencies(deps, cli, { q: 'OK-TULSA-PD' });
    expect(await agencyIdsOfStaff(t.db, partner)).toEqual([tpd!.id]);
    expect(await audits('agency.member_add')).toBe(1);
  });
});
