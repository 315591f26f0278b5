import { sql } from 'kysely';
import type { Db } from '../../database.ts';

export interface OutgoingEmail {
  /** Stable per outbox row: a server that dedupes on Message-ID drops an accidental second copy. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  ics: string | null;
}

/** Hands one message to the mail server (SMTP) or the development folder; throws when it was not accepted. */
export interface MailTransport {
  send(message: OutgoingEmail): Promise<void>;
}

const MAX_ATTEMPTS = 8;
/** One minute, doubling, at most six hours. */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(attempts - 1, 0), 6 * 3600_000);

export interface SendSummary {
  sent: number;
  failed: number;
}

/**
 * Sends what is due, oldest first. Each row is claimed (committed) before it is handed over and
 * marked sent after: a crash in between leaves a claim that is never retried, so a restart can
 * lose a message but never send one twice. A refused message is released for a later attempt.
 */
export async function sendDueEmails(db: Db, transport: MailTransport, now = new Date(), batch = 20): Promise<SendSummary> {
  const claimed = await db
    .updateTable('training_outbox')
    .set({ claimed_at: now, attempts: sql`attempts + 1` })
    .where(
      'id',
      'in',
      db
        .selectFrom('training_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('claimed_at', 'is', null)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
  const summary: SendSummary = { sent: 0, failed: 0 };
  for (const row of claimed.sort((a, b) => Number(a.id) - Number(b.id))) {
    try {
      await transport.send({
        messageId: `<outbox-${row.id}@beacon-training>`,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
        ics: row.ics,
      });
      await db.updateTable('training_outbox').set({ sent_at: new Date(), last_error: null }).where('id', '=', row.id).execute();
      summary.sent++;
    } catch (err) {
      // The error's type only: a server's reply can quote the address.
      await db
        .updateTable('training_outbox')
        .set({
          claimed_at: null,
          last_error: (err as Error).name || 'Error',
          next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts)),
        })
        .where('id', '=', row.id)
        .execute();
      summary.failed++;
    }
  }
  return summary;
}
