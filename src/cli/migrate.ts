import { Command } from 'commander';
import { withContext } from './context.ts';

export function migrateCommand(): Command {
  return new Command('migrate').description('Apply database migrations (also done on every start)').action(async () => {
    await withContext(async () => {
      process.stdout.write('Database is migrated to the latest version.\n');
    });
  });
}
