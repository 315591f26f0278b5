import { Command } from 'commander';
import type { DestinationStream } from 'pino';
import { createLogger } from '../core/logger.ts';
import { startEmbedded, type EmbeddedServer } from '../db/index.ts';
import { diagnose, report } from '../ops/index.ts';

export function doctorCommand(): Command {
  return new Command('doctor')
    .description(
      'Check the configuration, database, key file, disk, clock, file store, mail server and job queue, and say what to fix',
    )
    .action(async () => {
      const log = createLogger('error', process.stderr as unknown as DestinationStream);
      let embedded: EmbeddedServer | undefined;
      try {
        const findings = await diagnose({
          env: process.env,
          embeddedUrl: async (config) => {
            embedded = await startEmbedded(config.dataDir, log);
            return embedded.connectionString;
          },
        });
        const { text, healthy } = report(findings);
        process.stdout.write(text);
        if (!healthy) process.exitCode = 1;
      } finally {
        await embedded?.stop();
      }
    });
}
