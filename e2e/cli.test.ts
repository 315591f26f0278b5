import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/security/index.ts';
import { beacon, startServer, superuser, type RunningServer } from './server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

describe('beacon command line, beside a running server', () => {
  it('refuses the demo in production', () => {
    const res = beacon({ env: { ...server.env, NODE_ENV: 'production' } }, ['demo']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('refused when NODE_ENV=production');
  });

  it('fills an empty database with the demo, and only an empty one', async () => {
    const res = beacon(server, ['demo', '--tips', '40', '--cases', '12', '--seed', '7', '--last-year-tips', '0']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      new RegExp(
        `${ROLES.length} staff accounts, 40 tips \\(triaged\\), 1 case team, 12 cases, 200 partner agencies, \\d+ service providers, \\d+ victim assistance plans, \\d+ adverts in \\d+ planted networks and \\d+ leads to cases\\.`,
      ),
    );
    expect(res.stdout).toMatch(/analyst\s+analyst@demo\.beacon\.test\s+\S{12,}/);
    const db = await superuser(server.dataDir);
    try {
      const { rows } = await db.query<{ n: number; states: number }>(
        'select count(*)::int as n, count(distinct state)::int as states from reports',
      );
      expect(rows[0]!.n).toBe(40);
      expect(rows[0]!.states).toBeGreaterThan(5);
      // Every tip already has its triage row, and the demo partner belongs to an agency.
      const triaged = await db.query<{ n: number }>('select count(*)::int as n from tip_triage');
      expect(triaged.rows[0]!.n).toBe(40);
      const members = await db.query<{ n: number }>('select count(*)::int as n from agency_members');
      expect(members.rows[0]!.n).toBe(1);
      // Cases are made through the services: encrypted, in the demo team, with episodes and audit entries.
      const cases = await db.query<{ n: number; plain: number; teams: number; episodes: number }>(
        `select count(*)::int as n, count(*) filter (where body_enc not like 'v1.%' or body_enc like '%Demo Child%')::int as plain,
                count(distinct team_id)::int as teams, (select count(*)::int from case_episodes) as episodes from cases`,
      );
      expect(cases.rows[0]).toMatchObject({ n: 12, plain: 0, teams: 1 });
      expect(cases.rows[0]!.episodes).toBeGreaterThanOrEqual(12);
      const audited = await db.query<{ n: number }>(`select count(*)::int as n from audit_entries where action = 'case.create'`);
      expect(audited.rows[0]!.n).toBe(12);
    } finally {
      await db.end();
    }
    // The demo's closed cases are new: a retention dry run lists none and deletes nothing.
    const retention = beacon(server, ['cases', 'retention']);
    expect(retention.stderr).toBe('');
    expect(retention.code).toBe(0);
    expect(retention.stdout).toMatch(/kept 25 years after closing[\s\S]*0 cases closed before \d{4}-\d{2}-\d{2} would be purged/);
    expect(retention.stdout).not.toContain('Demo Child');
    const again = beacon(server, ['demo']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('only fills an empty database');
  });

  it('releases statistics of finished years only, under a threshold of at least 3', () => {
    const year = new Date().getUTCFullYear();
    const unfinished = beacon(server, ['stats', 'release', '--year', String(year)]);
    expect(unfinished.code).toBe(1);
    expect(unfinished.stdout).toContain(`${year} is not over yet`);
    const loose = beacon(server, ['stats', 'release', '--year', '2020', '--threshold', '2']);
    expect(loose.code).toBe(1);
    expect(loose.stdout).toContain('at least 3');
    const empty = beacon(server, ['stats', 'release', '--year', '2020']);
    expect(empty.stdout).toContain('No tips were received in 2020');
    expect(beacon(server, ['stats', 'list']).stdout).toContain('0 released years.');
  });

  it('validates users add and reports the field at fault', () => {
    const res = beacon(server, ['users', 'add', '--email', 'not-an-email', '--role', 'analyst']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--email');
    const link = beacon(server, ['users', 'add', '--email', 'new.supervisor@example.test', '--role', 'supervisor']);
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/\/app\/setup\?token=[\w-]{30,}/);
  });

  it('rotates the encryption key while the server keeps serving', async () => {
    const before = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        incident: { description: 'Tip sent before the key rotation, to be re-encrypted.' },
        location: { state: 'KS' },
      }),
    });
    expect(before.status).toBe(201);
    const res = beacon(server, ['keys', 'rotate']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const newKey = /New key (\S+) is current; re-encrypted (\d+) values/.exec(res.stdout);
    expect(Number(newKey?.[2])).toBeGreaterThanOrEqual(41);
    const after = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        incident: { description: 'Tip sent after the key rotation, by the same server.' },
        location: { state: 'KS' },
      }),
    });
    expect(after.status).toBe(201);
    const db = await superuser(server.dataDir);
    try {
      const { rows } = await db.query<{ other: number }>(
        `select count(*)::int as other from reports where body_enc not like $1`,
        [`v1.${newKey![1]}.%`],
      );
      expect(rows[0]!.other).toBe(0);
    } finally {
      await db.end();
    }
  });
});
