import { existsSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Command } from 'commander';
import { loadConfig } from '../core/config.ts';
import { blobStoreFor } from '../intake/index.ts';
import { allMigrations } from '../modules.ts';
import { BackupFormatError, fileSource, RestoreRefused, restoreBackup, writeBackup } from '../ops/index.ts';
import { fail, withContext } from './context.ts';

const progress = (line: string) => process.stderr.write(`${line}\n`);

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'Write an encrypted, consistent backup of the database and the stored files to FILE (the key file is not in it: keep a copy of it apart)',
    )
    .argument('<file>', 'where to write the backup; must not exist yet')
    .action(async (file: string) => {
      if (existsSync(file)) fail(`${file} already exists: choose a new file name for the backup`);
      await withContext(async ({ config, database, keyring }) => {
        const partial = `${file}.partial`;
        const out = await open(partial, 'wx', 0o600);
        try {
          const summary = await writeBackup(
            {
              connectionString: database.ownerConnectionString,
              blobs: blobStoreFor(config),
              secret: keyring.indexKey,
              progress,
            },
            out,
          );
          await out.sync();
          await out.close();
          await rename(partial, file);
          process.stdout.write(
            `Backup written to ${file}: ${summary.tables} tables, ${summary.rows} rows, ${summary.files} files, ${summary.bytes} bytes.\n` +
              `It can only be restored with the key file ${config.keyFile}: keep a copy of that file somewhere other than the backup.\n`,
          );
        } catch (err) {
          await out.close().catch(() => undefined);
          await rm(partial, { force: true });
          throw err;
        }
      });
    });
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('Restore a backup into a new, empty deployment, with the key file of the deployment that made it')
    .argument('<file>', 'the backup to restore')
    .action(async (file: string) => {
      const config = loadConfig();
      if (!existsSync(file)) fail(`${file} does not exist`);
      // Opening the keyring would make a new key file, which can never open the backup.
      if (!existsSync(config.keyFile)) {
        fail(
          `no key file at ${config.keyFile}: copy the key file of the deployment that made the backup there (mode 600), or set BEACON_KEY_FILE`,
        );
      }
      await withContext(
        async ({ database, keyring }) => {
          const handle = await open(file, 'r');
          try {
            const end = await restoreBackup(
              {
                connectionString: database.ownerConnectionString,
                blobs: blobStoreFor(config),
                secret: keyring.indexKey,
                migrations: allMigrations,
                progress,
              },
              () => fileSource(handle),
            );
            process.stdout.write(`Restored ${end.tables} tables, ${end.rows} rows and ${end.files} files from ${file}.\n`);
          } catch (err) {
            if (err instanceof BackupFormatError || err instanceof RestoreRefused) fail(`Restore refused: ${err.message}`);
            throw err;
          } finally {
            await handle.close();
          }
        },
        { migrate: false },
      );
    });
}
