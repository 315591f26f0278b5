import { open, unlink, type FileHandle } from 'node:fs/promises';
import { Command, Option } from 'commander';
import {
  EXPORT_FORMATS,
  exportReports,
  sinceDate,
  sinceSchema,
  toCsv,
  toCybertiplineXml,
  toJson,
  type ExportFormat,
} from '../intake/index.ts';
import { fail, withContext } from './context.ts';

interface ExportOptions {
  format: ExportFormat;
  since?: string;
  out?: string;
}

const BUILDERS = { 'cybertipline-xml': toCybertiplineXml, json: toJson, csv: toCsv } as const;

export function reportsCommands(): Command {
  const reports = new Command('reports').description('Tips');
  reports
    .command('export')
    .description('Write tips as CyberTipline-shaped XML, JSON or CSV (each tip exported is audited)')
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--since <date>', 'only tips received from this date (YYYY-MM-DD, midnight UTC) or date-time on')
    .option('--out <file>', 'write to this file (created with mode 0600) instead of standard output')
    .action(async (opts: ExportOptions) => {
      if (opts.since !== undefined && !sinceSchema.safeParse(opts.since).success) {
        fail('--since: must be a date (YYYY-MM-DD) or a date-time with a time zone');
      }
      const since = opts.since === undefined ? undefined : sinceDate(opts.since);
      // Opened before the export is audited, so a refused file never leaves an audit of an export
      // that did not happen. It holds children's details in clear: owner-only, never overwritten.
      let file: FileHandle | undefined;
      if (opts.out !== undefined) {
        file = await open(opts.out, 'wx', 0o600).catch((err: NodeJS.ErrnoException) =>
          fail(
            err.code === 'EEXIST'
              ? `--out: ${opts.out} already exists`
              : `--out: cannot write ${opts.out} (${err.code ?? 'error'})`,
          ),
        );
      }
      try {
        await withContext(async ({ database, keyring }) => {
          const tips = await exportReports(
            { db: database.db, keyring },
            { kind: 'system', label: 'cli' },
            { format: opts.format, since },
          );
          const text = BUILDERS[opts.format](tips);
          if (file === undefined) {
            process.stdout.write(text);
            return;
          }
          await file.writeFile(text);
          process.stderr.write(`Exported ${tips.length} tip${tips.length === 1 ? '' : 's'} to ${opts.out}.\n`);
        });
      } catch (err) {
        if (file !== undefined && opts.out !== undefined) await unlink(opts.out).catch(() => undefined);
        throw err;
      } finally {
        await file?.close();
      }
    });
  return reports;
}
