import { describe, expect, it } from 'vitest';
import { parseAgencyCsv, toAgencyCsv } from './agencies.csv.ts';
import { demoAgencies, DEMO_STATES } from './agencies.demo.ts';

const HEADER = 'agency_code,agency_name,agency_kind,phone,email,active,area_kind,state,county,city,tribal_land';

describe('parseAgencyCsv', () => {
  it('groups the rows of one agency and normalises phone, email and code', () => {
    const out = parseAgencyCsv(
      [
        HEADER,
        'ok-tpd,Tulsa Police Department (demo),law_enforcement,(918) 555-0101,Intake@Example.org,,city,OK,,Tulsa,',
        'OK-TPD,Tulsa Police Department (demo),law_enforcement,918-555-0101,intake@example.org,yes,county,ok,Tulsa,,',
      ].join('\n'),
    );
    expect(out).toEqual({
      kind: 'ok',
      rows: 2,
      agencies: [
        {
          code: 'OK-TPD',
          name: 'Tulsa Police Department (demo)',
          kind: 'law_enforcement',
          phone: '+19185550101',
          email: 'intake@example.org',
          active: true,
          areas: [
            { kind: 'city', state: 'OK', city: 'Tulsa' },
            { kind: 'county', state: 'OK', county: 'Tulsa' },
          ],
        },
      ],
    });
  });

  it('reports every problem with its line and column, and yields no agencies', () => {
    const out = parseAgencyCsv(
      [
        HEADER,
        'A1,Agency One (demo),law_enforcement,405-555-0100,a1@example.org,true,state,OK,,,',
        'A2,Agency Two (demo),police,12,not-an-email,maybe,city,ZZ,,,',
        'A3,Agency Three (demo),child_welfare,,,,county,OK,,Tulsa,',
        'A1,Agency One renamed (demo),law_enforcement,405-555-0100,a1@example.org,true,state,OK,,,',
        'A1,Agency One (demo),law_enforcement,405-555-0100,a1@example.org,true,state,OK,,,',
        ',,,,,,,,,,',
      ].join('\n'),
    );
    expect(out.kind).toBe('invalid');
    if (out.kind !== 'invalid') return;
    const at = out.problems.map((p) => `${p.line}:${p.column}`);
    expect(at).toEqual(
      expect.arrayContaining([
        '3:agency_kind',
        '3:phone',
        '3:email',
        '3:active',
        '3:state',
        '4:county',
        '4:city',
        '5:agency_name',
        '6:area_kind',
        '7:agency_code',
        '7:agency_name',
        '7:agency_kind',
        '7:area_kind',
      ]),
    );
    expect(at).not.toContain('2:agency_code');
    expect(out.problems.find((p) => p.line === 5)?.message).toMatch(/differs from line 2/);
    expect(out.problems.find((p) => p.line === 6)?.message).toMatch(/repeats the area on line 2/);
  });

  it('checks the header: unknown, repeated and missing columns', () => {
    const out = parseAgencyCsv('agency_code,agency_nmae,agency_kind,agency_kind\nA,B,other,other\n');
    expect(out.kind === 'invalid' && out.problems.map((p) => `${p.line}:${p.column}`)).toEqual([
      '1:agency_nmae',
      '1:agency_kind',
      '1:agency_name',
      '1:area_kind',
    ]);
  });

  it('reports broken CSV and empty files instead of throwing', () => {
    expect(parseAgencyCsv(`${HEADER}\n"A,B`).kind).toBe('invalid');
    expect(parseAgencyCsv('').kind).toBe('invalid');
    expect(parseAgencyCsv(`${HEADER}\n`).kind).toBe('invalid');
    expect(parseAgencyCsv(`${HEADER}\nA,B,other,,,,state,OK,,,,extra`).kind).toBe('invalid');
  });

  it('does not echo cell contents in messages', () => {
    const out = parseAgencyCsv(`${HEADER}\nA,Name (demo),other,secret-555,secret@,,state,OK,,,`);
    expect(JSON.stringify(out)).not.toContain('secret');
  });
});

describe('demo agencies', () => {
  it('cover all 50 states, D.C. and Puerto Rico, with fictional numbers, and survive the CSV round trip', () => {
    const demo = demoAgencies();
    expect(DEMO_STATES).toHaveLength(52);
    for (const state of DEMO_STATES) {
      const kinds = demo.filter((a) => a.areas.some((ar) => ar.kind === 'state' && ar.state === state)).map((a) => a.kind);
      expect(kinds.sort(), state).toEqual(['child_welfare', 'icac_task_force', 'law_enforcement']);
    }
    for (const a of demo) {
      expect(a.phone).toMatch(/^\+1\d{3}55501\d\d$/);
      expect(a.email).toMatch(/@example\.org$/);
      expect(a.name).toMatch(/\(demo\)$/);
    }
    const again = parseAgencyCsv(toAgencyCsv(demo));
    expect(again).toEqual({ kind: 'ok', agencies: demo, rows: demo.reduce((s, a) => s + a.areas.length, 0) });
    expect(new Set(demo.map((a) => a.code)).size).toBe(demo.length);
    expect(demoAgencies()).toEqual(demo);
  });
});
