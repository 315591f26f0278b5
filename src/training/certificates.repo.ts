import { randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../database.ts';
import { recordAudit, type Actor } from '../security/index.ts';
import type { TrainingCertificatesTable } from './training.tables.ts';

export type CertificateRow = Selectable<TrainingCertificatesTable>;

/** No 0/O, 1/I/L or U: a code read aloud or typed from paper is not mistaken for another. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newCertificateCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function normaliseCode(text: string): string | undefined {
  const bare = text.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(`^[${ALPHABET}]{8}$`).test(bare) ? `${bare.slice(0, 4)}-${bare.slice(4)}` : undefined;
}

export interface NewCertificate {
  name: string;
  course: string;
  path: string;
  lang: 'en' | 'es';
  passId: string;
  learnerId?: string | null;
}

/** Inserts the certificate, or returns the one already issued for this pass (a double submit). */
export async function issueCertificate(db: Db, c: NewCertificate): Promise<CertificateRow> {
  const existing = await db.selectFrom('training_certificates').selectAll().where('pass_id', '=', c.passId).executeTakeFirst();
  if (existing) return existing;
  for (let attempt = 0; ; attempt++) {
    const row = await db
      .insertInto('training_certificates')
      .values({
        code: newCertificateCode(),
        name: c.name,
        course: c.course,
        path: c.path,
        lang: c.lang,
        pass_id: c.passId,
        learner_id: c.learnerId ?? null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return row;
    const raced = await db.selectFrom('training_certificates').selectAll().where('pass_id', '=', c.passId).executeTakeFirst();
    if (raced) return raced;
    if (attempt > 5) throw new Error('could not draw an unused certificate code');
  }
}

export function findCertificate(db: Db, code: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('training_certificates').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Sets the certificate's bit in the status list; false when the code is unknown or already revoked. */
export async function revokeCertificate(db: Db, actor: Actor, code: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('training_certificates')
      .set({ revoked_at: new Date() })
      .where('code', '=', code)
      .where('revoked_at', 'is', null)
      .returning('status_index')
      .executeTakeFirst();
    if (!row) return false;
    await recordAudit(trx, {
      actor,
      action: 'training_certificate.revoked',
      target: { type: 'training_certificate', id: code },
      details: { statusIndex: row.status_index },
    });
    return true;
  });
}

export async function revokedIndexes(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('training_certificates').select('status_index').where('revoked_at', 'is not', null).execute();
  return rows.map((r) => r.status_index);
}
