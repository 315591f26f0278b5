import { Command } from 'commander';
import { rotateKeys } from '../security/rotation.ts';
import { withContext } from './context.ts';

export function keysCommands(): Command {
  const keys = new Command('keys').description('Encryption keys for sensitive fields');
  keys
    .command('rotate')
    .description('Add a new key, re-encrypt every sensitive field to it while Beacon keeps running, then retire old keys')
    .option('--keep-old', 'keep retired keys in the key file')
    .action(async (opts: { keepOld?: boolean }) => {
      await withContext(async ({ config, database, keyring }) => {
        const result = await rotateKeys({ db: database.db, keyring, keyFile: config.keyFile }, { retire: !opts.keepOld });
        process.stdout.write(
          `New key ${result.newKeyId} is current; re-encrypted ${result.reencrypted} values.` +
            (result.retired.length > 0 ? ` Retired ${result.retired.join(', ')}.` : '') +
            '\n',
        );
      });
    });
  return keys;
}
