import { Command, Option } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken, TOKEN_SCOPES, type TokenScope } from '../security/index.ts';
import { fail, withContext } from './context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function tokensCommands(): Command {
  const tokens = new Command('tokens').description('API tokens for electronic service providers');
  tokens
    .command('create')
    .description('Create a token; it is printed once and only its SHA-256 is kept')
    .requiredOption('--org <name>', 'the organisation the token acts for')
    .addOption(new Option('--scope <scope...>', 'what the token may do').choices(TOKEN_SCOPES).makeOptionMandatory())
    .option('--label <label>', 'a note for operators, e.g. which system holds it')
    .action(async (opts: { org: string; scope: TokenScope[]; label?: string }) => {
      const organisation = opts.org.trim();
      if (organisation.length === 0 || organisation.length > 200) fail('--org: must be 1 to 200 characters');
      if (opts.label !== undefined && opts.label.length > 200) fail('--label: must be at most 200 characters');
      await withContext(async ({ database }) => {
        const { id, token } = await createApiToken(
          database.db,
          { kind: 'system', label: 'cli tokens create' },
          {
            organisation,
            scopes: [...new Set(opts.scope)],
            label: opts.label,
          },
        );
        process.stdout.write(`Created token ${id} for ${organisation} (${[...new Set(opts.scope)].join(', ')}).\n`);
        process.stdout.write(`Token (shown only now; send it as "Authorization: Bearer <token>"):\n  ${token}\n`);
      });
    });
  tokens
    .command('list')
    .description('List tokens (never the tokens themselves)')
    .action(async () => {
      await withContext(async ({ database }) => {
        const rows = await listApiTokens(database.db);
        if (rows.length === 0) process.stdout.write('No tokens.\n');
        for (const r of rows) {
          const state = r.revoked_at ? `revoked ${new Date(r.revoked_at).toISOString()}` : 'active';
          process.stdout.write(
            `${r.id}  ${r.organisation}  ${r.scopes.join(',')}  created ${new Date(r.created_at).toISOString()}  ${state}${r.label ? `  ${r.label}` : ''}\n`,
          );
        }
      });
    });
  tokens
    .command('revoke')
    .description('Revoke a token at once')
    .requiredOption('--id <id>', 'the token id shown by `tokens list`')
    .action(async (opts: { id: string }) => {
      if (!UUID.test(opts.id)) fail('--id: must be a token id as shown by `beacon tokens list`');
      await withContext(async ({ database }) => {
        const revoked = await revokeApiToken(database.db, { kind: 'system', label: 'cli tokens revoke' }, opts.id);
        if (!revoked) fail('--id: no active token has this id');
        process.stdout.write(`Revoked token ${opts.id}.\n`);
      });
    });
  return tokens;
}
