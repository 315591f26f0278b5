import { Command } from 'commander';
import { listAudit, sealAll, verifyAuditChain } from '../security/index.ts';
import { withContext } from './context.ts';

export function auditCommands(): Command {
  const audit = new Command('audit').description('The append-only audit log');
  audit
    .command('verify')
    .description('Recompute the hash chain; exits 1 naming the first altered entry')
    .option('--recent <n>', 'also list the most recent entries', '20')
    .action(async (opts: { recent: string }) => {
      const code = await withContext(async ({ database }) => {
        // Entries written in the last moments may still wait for the running server's sealer.
        await sealAll(database.db);
        const result = await verifyAuditChain(database.db);
        if (result.kind === 'broken') {
          const what = {
            altered: 'was altered',
            chain_broken: 'does not follow the entry before it',
            missing_entry: 'is missing',
          }[result.reason];
          process.stdout.write(
            `Audit log FAILED verification: entry #${result.seq} ${what} (${result.entries} entries before it verified).\n`,
          );
          return 1;
        }
        process.stdout.write(`Audit log verified: ${result.entries} entries, chain intact. Head hash ${result.headHash}\n`);
        if (result.unsealed > 0)
          process.stdout.write(`${result.unsealed} entries belong to transactions still running and are not chained yet.\n`);
        const recent = await listAudit(database.db, { limit: Math.max(0, Number(opts.recent) || 0) });
        if (recent.length > 0) process.stdout.write('Most recent entries:\n');
        for (const e of recent.reverse()) {
          const target = e.targetType ? ` ${e.targetType} ${e.targetId}` : '';
          process.stdout.write(`  #${e.seq ?? '-'} ${e.at.toISOString()} ${e.actorLabel} ${e.action}${target}\n`);
        }
        return 0;
      });
      process.exitCode = code;
    });
  return audit;
}
