import { Command } from 'commander';
import { rotateKeys, type KeptKey, type RotationProgress } from '../security/index.ts';
import { allSealedColumns } from '../modules.ts';
import { withContext } from './context.ts';

export function keysCommands(): Command {
  const keys = new Command('keys').description('Encryption keys for sensitive fields');
  keys
    .command('rotate')
    .description(
      'Add a new key, re-encrypt every sensitive field to it while Beacon keeps running, then retire old keys no stored value uses',
    )
    .option('--keep-old', 'keep retired keys in the key file')
    .action(async (opts: { keepOld?: boolean }) => {
      await withContext(async ({ config, database, keyring }) => {
        const result = await rotateKeys(
          { db: database.db, keyring, keyFile: config.keyFile },
          { columns: allSealedColumns, retire: !opts.keepOld, onProgress: (p) => process.stderr.write(progressLine(p)) },
        );
        process.stdout.write(
          `New key ${result.newKeyId} is current; re-encrypted ${result.reencrypted} values.` +
            (result.retired.length > 0 ? ` Retired ${result.retired.join(', ')}.` : '') +
            '\n',
        );
        for (const kept of result.kept) process.stderr.write(keptWarning(kept));
      });
    });
  return keys;
}

export function progressLine(p: RotationProgress): string {
  return `Re-encrypting ${p.table}.${p.column}: ${p.done} of ${p.total}\n`;
}

export function keptWarning(kept: KeptKey): string {
  const where = kept.columns.map((c) => `${c.table}.${c.column} (${c.count})`).join(', ');
  return (
    `Warning: key ${kept.keyId} was kept: ${kept.count} stored values still use it, in ${where}. ` +
    'Add these columns to the rotation list and rotate again before removing it.\n'
  );
}
