import { Command, Option } from 'commander';
import { z } from 'zod';
import { US_STATE_CODES } from '../shared/places.ts';
import type { Db } from '../database.ts';
import { admin, createStaffUser, findUserByEmail, ROLES, scopesOf, type Role, type StaffActor } from '../security/index.ts';
import { fail, readStdin, withContext, type CliContext } from './context.ts';

interface AddOptions {
  email: string;
  role: Role;
  name?: string;
  organisation?: string;
  jurisdiction?: string[];
  passwordStdin?: boolean;
}

export function usersCommands(): Command {
  const users = new Command('users').description('Staff accounts');
  users
    .command('add')
    .description('Create a staff account; prints a one-time set-up link unless --password-stdin is given')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'name shown to colleagues')
    .option('--organisation <org>', 'organisation (defaults to the deploying organisation)')
    .option('--jurisdiction <state...>', 'limit the account to these states (USPS codes)')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts: AddOptions) => {
      if (!z.email().safeParse(opts.email).success) fail('--email: must be an email address');
      const bad = (opts.jurisdiction ?? []).filter((j) => !(US_STATE_CODES as readonly string[]).includes(j));
      if (bad.length > 0) fail(`--jurisdiction: not a US state or territory code: ${bad.join(', ')}`);
      const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
      await withContext(async ({ config, database, keyring }) => {
        const outcome = await createStaffUser(
          { db: database.db, keyring, issuer: config.deployment.orgName },
          { kind: 'system', label: 'cli users add' },
          {
            email: opts.email,
            role: opts.role,
            displayName: opts.name,
            organisation: opts.organisation ?? config.deployment.orgName,
            jurisdictions: opts.jurisdiction,
            password,
          },
        );
        if (outcome.kind === 'conflict') fail('--email: an account with this email already exists');
        if (outcome.kind === 'invalid') fail(outcome.errors.map((e) => `--${e.path}: ${e.message}`).join('\n'));
        process.stdout.write(`Created ${opts.role} account ${opts.email}.\n`);
        if (outcome.setupToken) {
          process.stdout.write(
            `One-time set-up link (valid 72 hours, shown only now):\n  ${config.publicUrl}/app/setup?token=${outcome.setupToken}\n`,
          );
        }
        process.stdout.write('An authenticator app is enrolled at first sign-in.\n');
      });
    });
  addAdminCommands(users);
  return users;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : '-');
const RESET_KINDS = ['password', 'second_factor'] as const;

function checkStates(states: readonly string[]): string[] {
  const upper = states.map((j) => j.toUpperCase());
  const bad = upper.filter((j) => !(US_STATE_CODES as readonly string[]).includes(j));
  if (bad.length > 0) fail(`--jurisdiction: not a US state or territory code: ${bad.join(', ')}`);
  return upper;
}

async function accountId(db: Db, email: string): Promise<string> {
  const user = await findUserByEmail(db, email);
  if (!user) fail('--email: there is no account with this email');
  return user.id;
}

/** Resets need a named administrator (`--as`), so the second-admin rule holds at the command line too. */
async function adminActor(db: Db, email: string): Promise<StaffActor> {
  const user = await findUserByEmail(db, email);
  if (!user || user.role !== 'admin' || user.disabled_at) fail('--as: must be the email of an enabled administrator account');
  const scopes = await scopesOf(db, user.id);
  return {
    kind: 'staff',
    id: user.id,
    email: user.email,
    role: 'admin',
    organisation: user.organisation,
    jurisdictions: scopes.filter((s) => s.kind === 'jurisdiction').map((s) => s.value),
    assignments: [],
  };
}

const depsOf = ({ config, database, keyring }: CliContext): admin.AdminDeps => ({
  db: database.db,
  keyring,
  issuer: config.deployment.orgName,
});
const system = (label: string) => ({ kind: 'system', label: `cli users ${label}` }) as const;

function addAdminCommands(users: Command): void {
  users
    .command('list')
    .description('List staff accounts: role, jurisdictions, second factors, last sign-in')
    .action(async () => {
      await withContext(async (ctx) => {
        const rows = await admin.listStaff(depsOf(ctx), system('list'));
        for (const r of rows) {
          const factors = [
            r.passwordSet ? 'password' : 'no-password',
            r.totp ? 'totp' : null,
            r.passkeys > 0 ? `passkeys:${r.passkeys}` : null,
          ]
            .filter(Boolean)
            .join(',');
          process.stdout.write(
            `${r.email}  ${r.role}  ${r.jurisdictions.join(',') || 'all'}  ${factors}  last ${iso(r.lastSignedInAt)}  ${r.disabledAt ? 'disabled' : 'active'}\n`,
          );
        }
        process.stdout.write(`${rows.length} account${rows.length === 1 ? '' : 's'}.\n`);
      });
    });

  users
    .command('set')
    .description("Change an account's role or jurisdictions (audited)")
    .requiredOption('--email <email>', 'the account')
    .addOption(new Option('--role <role>', 'new role').choices(ROLES))
    .option('--jurisdiction <state...>', 'limit the account to these states (replaces the current ones)')
    .option('--all-jurisdictions', 'remove any limit to states')
    .action(async (opts: { email: string; role?: Role; jurisdiction?: string[]; allJurisdictions?: boolean }) => {
      if (opts.jurisdiction && opts.allJurisdictions) fail('give --jurisdiction or --all-jurisdictions, not both');
      const jurisdictions = opts.allJurisdictions ? [] : opts.jurisdiction ? checkStates(opts.jurisdiction) : undefined;
      if (!opts.role && !jurisdictions) fail('give --role, --jurisdiction or --all-jurisdictions');
      await withContext(async (ctx) => {
        const id = await accountId(ctx.database.db, opts.email);
        await admin.updateStaff(depsOf(ctx), system('set'), id, { role: opts.role, jurisdictions });
        process.stdout.write(`Updated ${opts.email}.\n`);
      });
    });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    users
      .command(verb)
      .description(disabled ? 'Disable an account and end its sessions (audited)' : 'Enable a disabled account (audited)')
      .requiredOption('--email <email>', 'the account')
      .action(async (opts: { email: string }) => {
        await withContext(async (ctx) => {
          const id = await accountId(ctx.database.db, opts.email);
          const out = await admin.setStaffDisabled(depsOf(ctx), system(verb), id, disabled);
          if (out.kind === 'unchanged') fail(`--email: the account is ${disabled ? 'already disabled' : 'not disabled'}`);
          process.stdout.write(disabled ? `Disabled ${opts.email}; its sessions have ended.\n` : `Enabled ${opts.email}.\n`);
        });
      });
  }

  users
    .command('sign-ins')
    .description('Who signed in when, and failed attempts, newest first')
    .option('--email <email>', 'only this account')
    .option('--limit <n>', 'how many', '50')
    .action(async (opts: { email?: string; limit: string }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) fail('--limit: a whole number from 1 to 10000');
      await withContext(async (ctx) => {
        const userId = opts.email ? await accountId(ctx.database.db, opts.email) : undefined;
        const rows = await admin.listSignIns(depsOf(ctx), system('sign-ins'), { userId, limit });
        for (const r of rows)
          process.stdout.write(`${iso(r.at)}  ${r.action.replace('auth.', '')}  ${r.email ?? 'unknown account'}\n`);
        if (rows.length === 0) process.stdout.write('No sign-ins.\n');
      });
    });

  const reset = users
    .command('reset')
    .description('Password and second-factor resets: one administrator asks, a second approves');
  reset
    .command('request')
    .description('Ask for a reset (audited); another administrator must approve it')
    .requiredOption('--email <email>', 'the account to reset')
    .addOption(new Option('--kind <kind>', 'what to reset').choices(RESET_KINDS).makeOptionMandatory())
    .requiredOption('--as <admin-email>', 'the administrator asking')
    .action(async (opts: { email: string; kind: (typeof RESET_KINDS)[number]; as: string }) => {
      await withContext(async (ctx) => {
        const actor = await adminActor(ctx.database.db, opts.as);
        const out = await admin.requestReset(depsOf(ctx), actor, await accountId(ctx.database.db, opts.email), opts.kind);
        if (out.kind === 'already_open') fail('--email: a request of this kind is already waiting for approval');
        if (out.kind !== 'ok') fail('--email: there is no account with this email');
        process.stdout.write(
          `Requested ${out.id}: ${opts.kind} reset of ${opts.email}. Another administrator approves it with \`beacon users reset approve --id ${out.id} --as <email>\`.\n`,
        );
      });
    });
  reset
    .command('list')
    .description('Reset requests, open ones first')
    .action(async () => {
      await withContext(async (ctx) => {
        const rows = await admin.listResetRequests(depsOf(ctx), system('reset list'));
        for (const r of rows) {
          const state = r.approved_at
            ? `approved by ${r.approved_by_email ?? '?'}`
            : r.cancelled_at
              ? 'cancelled'
              : new Date(r.expires_at) <= new Date()
                ? 'expired'
                : 'open';
          process.stdout.write(
            `${r.id}  ${r.kind}  ${r.user_email}  asked by ${r.requested_by_email} ${iso(r.created_at)}  ${state}\n`,
          );
        }
        if (rows.length === 0) process.stdout.write('No reset requests.\n');
      });
    });
  for (const [verb, what] of [
    ['approve', 'Approve a reset (not your own request); it takes effect at once'],
    ['cancel', 'Withdraw or turn down an open request'],
  ] as const) {
    reset
      .command(verb)
      .description(what)
      .requiredOption('--id <id>', 'the request id shown by `users reset list`')
      .requiredOption('--as <admin-email>', 'the administrator acting')
      .action(async (opts: { id: string; as: string }) => {
        if (!UUID.test(opts.id)) fail('--id: must be a request id as shown by `beacon users reset list`');
        await withContext(async (ctx) => {
          const actor = await adminActor(ctx.database.db, opts.as);
          if (verb === 'cancel') {
            const out = await admin.cancelReset(depsOf(ctx), actor, opts.id);
            if (out.kind !== 'ok')
              fail(out.kind === 'not_found' ? '--id: no such request' : '--id: this request is no longer open');
            process.stdout.write(`Cancelled ${opts.id}.\n`);
            return;
          }
          const out = await admin.approveReset(depsOf(ctx), actor, opts.id);
          if (out.kind === 'not_found') fail('--id: no such request');
          if (out.kind === 'own_request') fail('--as: you asked for this reset; another administrator must approve it');
          if (out.kind === 'own_account') fail('--as: this reset is of your own account; another administrator must approve it');
          if (out.kind === 'closed') fail('--id: this request is no longer open (approved, cancelled or expired)');
          process.stdout.write(
            `Approved: the ${out.resetKind === 'password' ? 'password' : 'second factor'} is reset and the account's sessions have ended.\n`,
          );
          if (out.setupToken)
            process.stdout.write(
              `One-time set-up link (valid 72 hours, shown only now):\n  ${ctx.config.publicUrl}/app/setup?token=${out.setupToken}\n`,
            );
        });
      });
  }
}
