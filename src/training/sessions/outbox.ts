import { sql } from 'kysely';
import type { BackgroundJob } from '../../core/module.ts';
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

/** The poll that sends whatever is due (the safety net), and the job each new outbox row queues to be sent at once. */
export const EMAIL_POLL_JOB = 'training email';
export const SEND_EMAIL_JOB = 'training email send';

/**
 * Sends what is due, oldest first. Each row is claimed (committed) before it is handed over and
 * marked sent after: a crash in between leaves a claim that is never retried, so a restart can
 * lose a message but never send one twice. A refused message is released for a later attempt.
 */
export function sendDueEmails(db: Db, transport: MailTransport, now = new Date(), batch = 20): Promise<SendSummary> {
  return claimAndSend(db, transport, now, batch);
}

/** Sends one outbox row if it is still due; a row already sent, claimed or waiting for its retry is left alone. */
export function sendQueuedEmail(db: Db, transport: MailTransport, outboxId: string, now = new Date()): Promise<SendSummary> {
  return claimAndSend(db, transport, now, 1, outboxId);
}

/** The training email jobs: the one-minute poll (reminders, then what is due) and the send each outbox row queues. */
export function emailJobs(db: Db, transport: MailTransport, queueReminders: () => Promise<unknown>): BackgroundJob[] {
  return [
    {
      name: EMAIL_POLL_JOB,
      everyMs: 60_000,
      async run() {
        await queueReminders();
        return sendDueEmails(db, transport);
      },
    },
    {
      name: SEND_EMAIL_JOB,
      run(payload) {
        if (typeof payload.outboxId !== 'string' || !/^\d+$/.test(payload.outboxId))
          throw new TypeError('outboxId must be the outbox row id, as a string of digits');
        return sendQueuedEmail(db, transport, payload.outboxId);
      },
    },
  ];
}

async function claimAndSend(db: Db, transport: MailTransport, now: Date, batch: number, only?: string): Promise<SendSummary> {
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
        .$if(only !== undefined, (q) => q.where('id', '=', only!))
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
