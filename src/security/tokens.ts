import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../database.ts';
import type { Actor, ServiceActor } from './actor.ts';
import { recordAudit } from './audit.ts';

/** What an API token may be used for. Routes name the scope they need in `config.token`. */
export const TOKEN_SCOPES = ['esp:report'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_PREFIX = 'bcn_esp_';

export const apiTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

export interface NewApiToken {
  organisation: string;
  scopes: TokenScope[];
  label?: string | undefined;
}

/** Creates a token and returns it once; only its SHA-256 is stored. */
export async function createApiToken(db: Db, actor: Actor, input: NewApiToken): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        token_hash: apiTokenHash(token),
        organisation: input.organisation,
        scopes: input.scopes,
        label: input.label ?? null,
      })
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'token.create',
      target: { type: 'api_token', id },
      details: { scopes: input.scopes.join(' ') },
    });
  });
  return { id, token };
}

/** The service actor behind a bearer token, or undefined when the token is unknown or revoked. */
export async function resolveApiToken(db: Db, token: string): Promise<ServiceActor | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const row = await db
    .selectFrom('api_tokens')
    .select(['id', 'organisation', 'scopes'])
    .where('token_hash', '=', apiTokenHash(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { kind: 'service', id: row.id, organisation: row.organisation, scopes: row.scopes.filter(isTokenScope) };
}

export async function listApiTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'organisation', 'scopes', 'label', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
}

/** Returns false when no live token has that id. */
export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) return false;
    await recordAudit(trx, { actor, action: 'token.revoke', target: { type: 'api_token', id } });
    return true;
  });
}
