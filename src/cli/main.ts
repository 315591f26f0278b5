import { Command } from 'commander';
import { auditCommands } from './audit.ts';
import { demoCommand } from './demo.ts';
import { keysCommands } from './keys.ts';
import { migrateCommand } from './migrate.ts';
import { usersCommands } from './users.ts';

const program = new Command()
  .name('beacon')
  .description('Beacon: tips, triage, cases and support for children at risk of sex trafficking')
  .showHelpAfterError();

program.addCommand(migrateCommand());
program.addCommand(usersCommands());
program.addCommand(auditCommands());
program.addCommand(keysCommands());
program.addCommand(demoCommand());

await program.parseAsync(process.argv);
