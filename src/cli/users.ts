import { Command, Option } from 'commander';
import { z } from 'zod';
import { US_STATE_CODES } from '../shared/places.ts';
import { createStaffUser } from '../security/auth.service.ts';
import { ROLES, type Role } from '../security/roles.ts';
import { fail, readStdin, withContext } from './context.ts';

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
  return users;
}
