import { Command } from 'commander';
import { normaliseCode, revokeCertificate } from '../training/index.ts';
import { fail, withContext } from './context.ts';

export function trainingCommands(): Command {
  const training = new Command('training').description('Training certificates');
  training
    .command('revoke')
    .description('Revoke a certificate: /verify says so and its bit is set in the published status list (audited)')
    .requiredOption('--code <code>', 'the certificate code, e.g. ABCD-2345')
    .action(async (opts: { code: string }) => {
      const code = normaliseCode(opts.code) ?? fail('--code: not a certificate code (eight letters and digits, e.g. ABCD-2345)');
      await withContext(async ({ database }) => {
        const revoked = await revokeCertificate(database.db, { kind: 'system', label: 'cli training revoke' }, code);
        process.stdout.write(revoked ? `Revoked ${code}.\n` : `No certificate ${code} in force (unknown or already revoked).\n`);
        if (!revoked) process.exitCode = 1;
      });
    });
  return training;
}
