import { createHash, randomUUID } from 'node:crypto';
import type { Database, Db } from '../database.ts';
import type { Lang } from '../core/deployment.ts';
import type { FieldError } from '../core/result.ts';
import { fieldErrors } from '../core/validation.ts';
import {
  auditValues,
  authorize,
  open,
  recordAudit,
  recordScope,
  seal,
  type Actor,
  type Keyring,
  type RecordScope,
} from '../security/index.ts';
import * as repo from './intake.repo.ts';
import { reportInputSchema, type HotlineCall, type Report } from './intake.schema.ts';
import type { ExportFormat, ExportedReport } from './export/index.ts';
import type { Transaction } from 'kysely';
import { exportedFilesOf } from './files/files.service.ts';
import { reportBody } from './intake.sealed.ts';

export interface IntakeDeps {
  db: Db;
  keyring: Keyring;
}

export type Channel = 'web_form' | 'api' | 'esp' | 'hotline';

export type SubmitOutcome =
  | { kind: 'created'; reference: string }
  | { kind: 'replayed'; reference: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'idempotency_mismatch' };

export interface Submission {
  body: unknown;
  channel: Channel;
  idempotencyKey?: string | undefined;
  requestId?: string | undefined;
  lang: Lang;
  actor: Actor;
  /** Only for imports and the demo: when the tip actually arrived. */
  receivedAt?: Date | undefined;
  /** Only for the hotline: the call the tip came from. */
  call?: HotlineCall | undefined;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Whose key is it? On the ESP and hotline channels the caller is already in the key (the
 * organisation, the draft), so a key reused for other content is refused. The public API has no
 * caller to bind a key to: every member of the public shares one key space, so there the key is
 * bound to the content. A retry of the same tip replays; a stranger's different tip under the same
 * key is simply a new tip, never refused (the form's keys already hold a hash of the content).
 */
function idempotencyKeyHash(channel: Channel, key: string, requestHash: string): string {
  return channel === 'api' ? sha256(`${channel}:${requestHash}:${key}`) : sha256(`${channel}:${key}`);
}

/**
 * Validates and stores a tip in one transaction (report, idempotency key, audit entry) and answers
 * only after commit, so an acknowledged tip is never lost and a retry never makes a second one.
 */
export async function submitReport(deps: IntakeDeps, s: Submission): Promise<SubmitOutcome> {
  // reportInput lets errors tell "missing" from "wrong type"; the input itself is never echoed.
  const parsed = reportInputSchema.safeParse(s.body, { reportInput: true });
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, s.lang) };
  // The call is not part of the hash: a retry after the call's end was stamped is the same tip.
  const requestHash = sha256(JSON.stringify(parsed.data));
  const report: Report = s.call ? { ...parsed.data, call: s.call } : parsed.data;
  const keyHash = s.idempotencyKey ? idempotencyKeyHash(s.channel, s.idempotencyKey, requestHash) : undefined;

  if (keyHash) {
    const earlier = await replayOf(deps.db, keyHash, requestHash);
    if (earlier) return earlier;
  }
  const receivedAt = s.receivedAt ?? new Date();
  try {
    const reference = await repo.insertReportAtomically(deps.db, {
      row: {
        id: randomUUID(),
        received_at: receivedAt,
        channel: s.channel,
        incident_type: report.incident.type,
        state: report.location?.state ?? null,
        city: report.location?.city ?? null,
        child_ages: (report.children ?? []).flatMap((c) => (c.approximateAge === undefined ? [] : [c.approximateAge])),
        escalated: report.incident.escalationReason !== undefined,
        anonymous: report.reporter.anonymous,
        body_enc: seal(deps.keyring, reportBody, report),
      },
      claim: keyHash ? { keyHash, requestHash } : undefined,
      audit: auditValues({ actor: s.actor, action: 'report.submit', requestId: s.requestId, details: { channel: s.channel } }),
    });
    return { kind: 'created', reference };
  } catch (err) {
    // A concurrent retry with the same key committed first: answer with its reference.
    if (keyHash && repo.isIdempotencyConflict(err)) {
      const earlier = await replayOf(deps.db, keyHash, requestHash);
      if (earlier) return earlier;
    }
    throw err;
  }
}

async function replayOf(db: Db, keyHash: string, requestHash: string): Promise<SubmitOutcome | undefined> {
  const earlier = await repo.findByIdempotencyKey(db, keyHash);
  if (!earlier) return undefined;
  if (earlier.request_hash !== requestHash) return { kind: 'idempotency_mismatch' };
  return { kind: 'replayed', reference: earlier.reference };
}

export interface QueueItem {
  reference: string;
  receivedAt: Date;
  channel: string;
  status: string;
  incidentType: string;
  state: string | null;
  city: string | null;
  childAges: number[];
  escalated: boolean;
}

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

function encodeCursor(c: repo.QueueCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(text: string | undefined): repo.QueueCursor | undefined {
  if (!text) return undefined;
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as repo.QueueCursor;
    if (typeof c.receivedAt === 'string' && typeof c.id === 'string' && /^[0-9a-f-]{36}$/.test(c.id)) return c;
  } catch {
    // fall through: a malformed cursor starts from the top
  }
  return undefined;
}

/** The queue shows no narrative or names, but looking at it is still recorded. */
export async function listReports(
  deps: IntakeDeps,
  actor: Actor,
  q: { status: string; limit: number; before?: string | undefined; requestId?: string },
): Promise<QueuePage> {
  authorize(actor, 'report.list');
  const scope = recordScope(actor, 'report.list');
  return deps.db.transaction().execute(async (trx) => {
    const rows = await repo.listQueue(trx, scope, { status: q.status, limit: q.limit + 1, before: decodeCursor(q.before) });
    const page = rows.slice(0, q.limit);
    await recordAudit(trx, {
      actor,
      action: 'report.list',
      requestId: q.requestId,
      details: { status: q.status, count: page.length },
    });
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        reference: r.reference,
        receivedAt: new Date(r.received_at),
        channel: r.channel,
        status: r.status,
        incidentType: r.incident_type,
        state: r.state,
        city: r.city,
        childAges: r.child_ages,
        escalated: r.escalated,
      })),
      nextCursor:
        rows.length > q.limit && last
          ? encodeCursor({ receivedAt: new Date(last.received_at).toISOString(), id: last.id })
          : null,
    };
  });
}

export interface ReportView {
  reference: string;
  receivedAt: Date;
  channel: string;
  status: string;
  report: Report;
}

/** Opens one tip; the read is audited in the same transaction that decrypts it. */
export async function readReport(
  deps: IntakeDeps,
  actor: Actor,
  reference: string,
  requestId?: string,
): Promise<{ kind: 'ok'; view: ReportView } | { kind: 'not_found' }> {
  authorize(actor, 'report.read');
  const scope = recordScope(actor, 'report.read');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findReportByReference(trx, scope, reference);
    if (!row) {
      // A reference outside one's reach is answered like a missing one, and the attempt is kept.
      await recordAudit(trx, { actor, action: 'report.read_denied', target: { type: 'report', id: reference }, requestId });
      return { kind: 'not_found' } as const;
    }
    await recordAudit(trx, { actor, action: 'report.read', target: { type: 'report', id: row.reference }, requestId });
    return {
      kind: 'ok',
      view: {
        reference: row.reference,
        receivedAt: new Date(row.received_at),
        channel: row.channel,
        status: row.status,
        report: open(deps.keyring, reportBody, row.body_enc),
      },
    } as const;
  });
}

type ExportRow = Awaited<ReturnType<typeof repo.listReportsForExport>>[number];

/** Decrypts tips for an export and adds their files' hashes and metadata (ESP tips), in the export's transaction. */
async function exported(deps: IntakeDeps, trx: Transaction<Database>, rows: readonly ExportRow[]): Promise<ExportedReport[]> {
  const files = await exportedFilesOf(
    trx,
    deps.keyring,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    reference: row.reference,
    receivedAt: new Date(row.received_at),
    channel: row.channel,
    status: row.status,
    report: open(deps.keyring, reportBody, row.body_enc),
    files: files.get(row.id),
  }));
}

/** One tip, for the national tipline (XML) or as JSON. An export is a read too, audited as such. */
export async function exportReport(
  deps: IntakeDeps,
  actor: Actor,
  q: { reference: string; format: ExportFormat; requestId?: string | undefined },
): Promise<{ kind: 'ok'; report: ExportedReport } | { kind: 'not_found' }> {
  authorize(actor, 'report.export');
  const scope = recordScope(actor, 'report.export');
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.findReportByReference(trx, scope, q.reference);
    if (!row) return { kind: 'not_found' } as const;
    await recordAudit(trx, {
      actor,
      action: 'report.export',
      target: { type: 'report', id: row.reference },
      requestId: q.requestId,
      details: { format: q.format },
    });
    return { kind: 'ok', report: (await exported(deps, trx, [row]))[0]! } as const;
  });
}

/**
 * Every tip in scope received since a moment. Staff need the bulk permission (supervisors); the
 * operator of the machine (`beacon reports export`, a system actor) may export everything. Each
 * tip gets its own audit entry, plus one entry with the count.
 */
export async function exportReports(
  deps: IntakeDeps,
  actor: Actor,
  q: { format: ExportFormat; since?: Date | undefined; requestId?: string | undefined },
): Promise<ExportedReport[]> {
  let scope: RecordScope = { kind: 'all' };
  if (actor.kind !== 'system') {
    authorize(actor, 'report.export_bulk');
    scope = recordScope(actor, 'report.export_bulk');
  }
  return deps.db.transaction().execute(async (trx) => {
    const rows = await repo.listReportsForExport(trx, scope, { since: q.since });
    for (const row of rows) {
      await recordAudit(trx, {
        actor,
        action: 'report.export',
        target: { type: 'report', id: row.reference },
        requestId: q.requestId,
        details: { format: q.format, bulk: true },
      });
    }
    await recordAudit(trx, {
      actor,
      action: 'report.export_bulk',
      requestId: q.requestId,
      details: { format: q.format, count: rows.length, since: q.since?.toISOString() ?? null },
    });
    return exported(deps, trx, rows);
  });
}
