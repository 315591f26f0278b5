import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import { seededRandom } from '../core/random.ts';
import { countReports, demoReport, submitReport } from '../intake/index.ts';

import { createStaffUser } from '../security/auth.service.ts';
import { countUsers } from '../security/staff.repo.ts';
import { ROLES } from '../security/roles.ts';
import { fail, withContext } from './context.ts';

const DAY = 24 * 3600 * 1000;

export function demoCommand(): Command {
  return new Command('demo')
    .description('Fill an empty database with synthetic staff and tips (refused in production)')
    .option('--seed <n>', 'seed for the generated data', '2026')
    .option('--tips <n>', 'how many tips', '300')
    .action(async (opts: { seed: string; tips: string }) => {
      if (process.env.NODE_ENV === 'production') fail('beacon demo is refused when NODE_ENV=production.');
      const tips = Number(opts.tips);
      if (!Number.isInteger(tips) || tips < 0 || tips > 100_000) fail('--tips: must be a whole number from 0 to 100000');
      await withContext(async ({ config, database, keyring }) => {
        const { db } = database;
        if ((await countUsers(db)) > 0 || (await countReports(db)) > 0) fail('beacon demo only fills an empty database; this one already has data.');
        const actor = { kind: 'system', label: 'demo' } as const;
        const rng = seededRandom(Number(opts.seed) || 2026);
        const lines: string[] = [];
        for (const role of ROLES) {
          const email = `${role.replace('_', '.')}@demo.beacon.test`;
          // Passwords are random per run: demo data is predictable, demo credentials are not.
          const password = randomBytes(12).toString('base64url');
          await createStaffUser({ db, keyring, issuer: config.deployment.orgName }, actor, {
            email, role, displayName: `Demo ${role.replace('_', ' ')}`, organisation: role === 'partner' ? 'Tulsa Police Department (demo)' : config.deployment.orgName,
            jurisdictions: role === 'partner' ? ['OK'] : [], password,
          });
          lines.push(`  ${role.padEnd(13)} ${email.padEnd(34)} ${password}`);
        }
        const now = Date.now();
        const times = Array.from({ length: tips }, () => now - rng.next() * 60 * DAY).sort((a, b) => a - b);
        for (const t of times) {
          await submitReport({ db, keyring }, { body: demoReport(rng), channel: rng.chance(0.7) ? 'web_form' : 'api', lang: 'en', actor, receivedAt: new Date(t) });
        }
        process.stdout.write(`Demo data created: ${ROLES.length} staff accounts and ${tips} tips.\n`);
        process.stdout.write('Demo sign-ins (shown only now; each enrols an authenticator app at first sign-in):\n');
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
