import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beacon, startServer, superuser, type RunningServer } from './server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.stop());

const run = (...args: string[]) =>
  beacon(server, args, args.includes('--password-stdin') ? 'a long enough test password\n' : undefined);

describe("beacon users: the administrator's work at the command line", () => {
  it('lists, changes, disables and enables accounts, audited', async () => {
    for (const [email, role] of [
      ['first.admin@example.test', 'admin'],
      ['second.admin@example.test', 'admin'],
      ['worker@example.test', 'analyst'],
    ]) {
      expect(run('users', 'add', '--email', email!, '--role', role!, '--password-stdin').code).toBe(0);
    }
    const set = run('users', 'set', '--email', 'worker@example.test', '--role', 'supervisor', '--jurisdiction', 'ok', 'TX');
    expect(set.code, set.stderr).toBe(0);
    expect(run('users', 'set', '--email', 'worker@example.test', '--jurisdiction', 'ZZ').stderr).toContain(
      'not a US state or territory code: ZZ',
    );
    expect(run('users', 'disable', '--email', 'worker@example.test').stdout).toContain('its sessions have ended');
    expect(run('users', 'disable', '--email', 'worker@example.test').stderr).toContain('already disabled');
    const listed = run('users', 'list');
    expect(listed.stdout).toMatch(/worker@example\.test {2}supervisor {2}OK,TX {2}password .* disabled/);
    expect(run('users', 'enable', '--email', 'worker@example.test').code).toBe(0);
    expect(run('users', 'list').stdout).toMatch(/worker@example\.test .* active/);
    const db = await superuser(server.dataDir);
    try {
      const { rows } = await db.query<{ action: string }>(
        `select action from audit_entries where action like 'staff.%' and action <> 'staff.create' order by id`,
      );
      expect(rows.map((r) => r.action)).toEqual(['staff.update', 'staff.disable', 'staff.enable']);
    } finally {
      await db.end();
    }
  });

  it("resets only with a second administrator's approval", () => {
    const asked = run(
      'users',
      'reset',
      'request',
      '--email',
      'worker@example.test',
      '--kind',
      'password',
      '--as',
      'first.admin@example.test',
    );
    expect(asked.code, asked.stderr).toBe(0);
    const id = /Requested ([0-9a-f-]{36})/.exec(asked.stdout)![1]!;
    expect(
      run('users', 'reset', 'request', '--email', 'worker@example.test', '--kind', 'password', '--as', 'worker@example.test')
        .stderr,
    ).toContain('--as: must be the email of an enabled administrator');
    const own = run('users', 'reset', 'approve', '--id', id, '--as', 'first.admin@example.test');
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('another administrator must approve it');
    expect(run('users', 'reset', 'list').stdout).toContain(
      `${id}  password  worker@example.test  asked by first.admin@example.test`,
    );
    const approved = run('users', 'reset', 'approve', '--id', id, '--as', 'second.admin@example.test');
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/\/app\/setup\?token=[\w-]{40,}/);
    expect(run('users', 'reset', 'cancel', '--id', id, '--as', 'first.admin@example.test').stderr).toContain('no longer open');
    expect(run('users', 'reset', 'list').stdout).toContain('approved by second.admin@example.test');
  });

  it('shows sign-ins, newest first', async () => {
    const wrong = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ email: 'second.admin@example.test', password: 'not the password at all' }),
    });
    expect(wrong.status).toBe(401);
    const res = run('users', 'sign-ins', '--email', 'second.admin@example.test');
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.split('\n')[0]).toMatch(/^\d{4}-.*Z {2}password_failed {2}second\.admin@example\.test$/);
  });
});
