import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../database.ts';
import type { Lang } from '../../core/deployment.ts';
import type { FieldError } from '../../core/result.ts';
import { fieldErrors } from '../../core/validation.ts';
import { open, recordAudit, seal, type Actor, type Keyring, type ServiceActor } from '../../security/index.ts';
import { readGps, type GpsPoint } from '../files/exif.ts';
import { checkFileType } from '../files/file-type.ts';
import { hashBytes } from '../files/hashing.ts';
import { checkImageSize, MAX_IMAGE_PIXELS } from '../files/images.ts';
import type { FileStore } from '../files/storage.ts';
import { reportInputSchema } from '../intake.schema.ts';
import { espFileMeta, espReportBody } from '../intake.sealed.ts';
import { submitReport } from '../intake.service.ts';
import type { EspSettings } from './esp.config.ts';
import * as repo from './esp.repo.ts';

export interface EspDeps {
  db: Db;
  keyring: Keyring;
  files: FileStore;
  settings: EspSettings;
}

export const STALE_AFTER_MS = 24 * 3600 * 1000;
// A finish that crashed between committing the tip and marking the ESP report is completed by the sweep.
const FINISHING_GRACE_MS = 5 * 60 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** Idempotency keys belong to one organisation: two ESPs may both use "1". */
const keyHashOf = (organisation: string, key: string) => sha256(JSON.stringify(['esp', organisation, key]));
/** The key under which a finished ESP report is submitted to intake, so finishing twice never makes two tips. */
const finishKey = (espReportId: string) => `esp-report:${espReportId}`;

export interface FileDetails {
  originalName?: string | undefined;
  description?: string | undefined;
  publiclyAvailable?: boolean | undefined;
  locationSeen?: string | undefined;
}

/** What is kept about a file besides its hashes, sealed in `esp_files.meta_enc`. */
export interface FileMeta {
  uploadName: string | null;
  declaredType: string | null;
  gps: GpsPoint | null;
  details: FileDetails;
}

interface Ctx {
  lang: Lang;
  requestId?: string | undefined;
}

export type OpenOutcome =
  | { kind: 'created'; reportId: string }
  | { kind: 'replayed'; reportId: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'idempotency_mismatch' };

class KeyAlreadyClaimed extends Error {}

/** Opens a report: stored sealed and invisible to analysts until the ESP finishes it. */
export async function openEspReport(
  deps: EspDeps,
  actor: ServiceActor,
  input: { body: unknown; idempotencyKey?: string | undefined } & Ctx,
): Promise<OpenOutcome> {
  const parsed = reportInputSchema.safeParse(input.body, { reportInput: true });
  if (!parsed.success) return { kind: 'invalid', errors: fieldErrors(parsed.error, input.lang) };
  const requestHash = sha256(JSON.stringify(parsed.data));
  const keyHash = input.idempotencyKey === undefined ? null : keyHashOf(actor.organisation, input.idempotencyKey);
  const replay = async (): Promise<OpenOutcome | undefined> => {
    if (!keyHash) return undefined;
    const earlier = await repo.findByKey(deps.db, keyHash);
    if (!earlier) return undefined;
    return earlier.request_hash === requestHash ? { kind: 'replayed', reportId: earlier.id } : { kind: 'idempotency_mismatch' };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  const id = randomUUID();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const claimed = await repo.insertEspReport(trx, {
        id,
        organisation: actor.organisation,
        token_id: actor.id,
        status: 'open',
        idempotency_key_hash: keyHash,
        request_hash: requestHash,
        body_enc: seal(deps.keyring, espReportBody, parsed.data),
        opened_at: new Date(),
      });
      if (!claimed) throw new KeyAlreadyClaimed();
      await recordAudit(trx, { actor, action: 'esp.open', target: { type: 'esp_report', id }, requestId: input.requestId });
    });
  } catch (err) {
    if (err instanceof KeyAlreadyClaimed) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw err;
  }
  return { kind: 'created', reportId: id };
}

export interface Upload {
  fieldName: string;
  fileName: string | undefined;
  declaredType: string | undefined;
  bytes: Buffer;
}

export interface UploadedFile {
  fileId: string;
  type: string;
  size: number;
  sha256: string;
  md5: string;
  gps: GpsPoint | null;
  stored: boolean;
}

export type UploadOutcome =
  | { kind: 'created'; file: UploadedFile }
  | { kind: 'not_found' }
  | { kind: 'not_open'; status: string }
  | { kind: 'too_many_files' }
  | { kind: 'invalid'; errors: FieldError[] };

const TYPE_HINT = 'JPEG, PNG, GIF, WebP, PDF, MP4, or UTF-8 text or JSON (sent as text/plain or application/json)';

/** Checks, hashes, reads EXIF GPS, encrypts and stores one file (or only its hashes, in hash-only mode). */
export async function uploadEspFile(
  deps: EspDeps,
  actor: ServiceActor,
  reportId: string,
  upload: Upload,
  ctx: Ctx,
): Promise<UploadOutcome> {
  const type = await checkFileType(upload.bytes, upload.declaredType);
  if (type.kind !== 'ok') {
    const message =
      type.kind === 'mismatch'
        ? `its contents do not match its declared type; allowed: ${TYPE_HINT}`
        : `is not an allowed type of file; allowed: ${TYPE_HINT}`;
    return { kind: 'invalid', errors: [{ path: upload.fieldName, message }] };
  }
  const size = await checkImageSize(upload.bytes, type.mime);
  if (size.kind === 'too_large') {
    return {
      kind: 'invalid',
      errors: [
        {
          path: upload.fieldName,
          message: `is an image of ${size.width}×${size.height} pixels; at most ${MAX_IMAGE_PIXELS} pixels are accepted`,
        },
      ],
    };
  }
  const hashes = hashBytes(upload.bytes);
  const gps = (await readGps(upload.bytes, type.mime)) ?? null;
  const fileId = randomUUID();
  let storedKey: string | undefined;
  try {
    const outcome = await deps.db.transaction().execute(async (trx): Promise<UploadOutcome> => {
      const report = await repo.lockEspReport(trx, actor.organisation, reportId);
      if (!report) return { kind: 'not_found' };
      if (report.status !== 'open') return { kind: 'not_open', status: report.status };
      if ((await repo.countFiles(trx, reportId)) >= deps.settings.maxFilesPerReport) return { kind: 'too_many_files' };
      const stored = deps.settings.hashOnly ? undefined : await deps.files.put(fileId, upload.bytes);
      storedKey = stored?.storageKey;
      const meta: FileMeta = {
        uploadName: upload.fileName?.slice(0, 255) ?? null,
        declaredType: upload.declaredType?.slice(0, 100) ?? null,
        gps,
        details: {},
      };
      await repo.insertFile(trx, {
        id: fileId,
        esp_report_id: reportId,
        mime_type: type.mime,
        size_bytes: upload.bytes.length,
        sha256: hashes.sha256,
        md5: hashes.md5,
        storage_key: stored?.storageKey ?? null,
        data_key_enc: stored?.dataKeyEnc ?? null,
        meta_enc: seal(deps.keyring, espFileMeta, meta),
      });
      await recordAudit(trx, {
        actor,
        action: 'esp.file_upload',
        target: { type: 'esp_report', id: reportId },
        requestId: ctx.requestId,
        details: { fileId, type: type.mime, size: upload.bytes.length, stored: stored !== undefined },
      });
      return {
        kind: 'created',
        file: {
          fileId,
          type: type.mime,
          size: upload.bytes.length,
          sha256: hashes.sha256,
          md5: hashes.md5,
          gps,
          stored: stored !== undefined,
        },
      };
    });
    if (outcome.kind !== 'created' && storedKey) await deps.files.remove(storedKey);
    return outcome;
  } catch (err) {
    // Nothing half-written: bytes without a committed row are removed.
    if (storedKey) await deps.files.remove(storedKey).catch(() => undefined);
    throw err;
  }
}

export type DetailsOutcome = { kind: 'ok' } | { kind: 'not_found' } | { kind: 'not_open'; status: string };

export async function updateEspFileDetails(
  deps: EspDeps,
  actor: ServiceActor,
  reportId: string,
  fileId: string,
  details: FileDetails,
  ctx: Ctx,
): Promise<DetailsOutcome> {
  return deps.db.transaction().execute(async (trx): Promise<DetailsOutcome> => {
    const report = await repo.lockEspReport(trx, actor.organisation, reportId);
    if (!report) return { kind: 'not_found' };
    const file = await repo.findFile(trx, reportId, fileId);
    if (!file) return { kind: 'not_found' };
    if (report.status !== 'open') return { kind: 'not_open', status: report.status };
    const meta = open(deps.keyring, espFileMeta, file.meta_enc);
    await repo.updateFileMeta(trx, fileId, seal(deps.keyring, espFileMeta, { ...meta, details }));
    await recordAudit(trx, {
      actor,
      action: 'esp.file_details',
      target: { type: 'esp_report', id: reportId },
      requestId: ctx.requestId,
      details: { fileId },
    });
    return { kind: 'ok' };
  });
}

export type FinishOutcome =
  | { kind: 'finished'; reference: string; replayed: boolean }
  | { kind: 'not_found' }
  | { kind: 'retracted' }
  | { kind: 'invalid'; errors: FieldError[] };

/**
 * Makes the report a tip in the analysts' queue. The tip is submitted under a key derived from
 * the ESP report's id, so a retried or concurrent finish, or one interrupted by a crash, ends with
 * exactly one tip; the answer comes only after both commits.
 */
export async function finishEspReport(deps: EspDeps, actor: ServiceActor, reportId: string, ctx: Ctx): Promise<FinishOutcome> {
  const begun = await deps.db.transaction().execute(async (trx) => {
    const report = await repo.lockEspReport(trx, actor.organisation, reportId);
    if (!report) return { kind: 'not_found' } as const;
    if (report.status === 'finished') return { kind: 'finished', reference: report.reference!, replayed: true } as const;
    if (report.status === 'retracted') return { kind: 'retracted' } as const;
    if (report.status === 'open') await repo.setStatus(trx, reportId, { status: 'finishing', finished_at: new Date() });
    return { kind: 'go', body: report.body_enc } as const;
  });
  if (begun.kind !== 'go') return begun;
  return completeFinish(deps, actor, reportId, begun.body, ctx);
}

async function completeFinish(deps: EspDeps, actor: Actor, reportId: string, bodyEnc: string, ctx: Ctx): Promise<FinishOutcome> {
  const body = open(deps.keyring, espReportBody, bodyEnc);
  const submitted = await submitReport(
    { db: deps.db, keyring: deps.keyring },
    { body, channel: 'esp', idempotencyKey: finishKey(reportId), requestId: ctx.requestId, lang: ctx.lang, actor },
  );
  if (submitted.kind === 'invalid') {
    // Valid when opened but not now (a rule changed): the ESP can see why and retract or reopen.
    await deps.db
      .updateTable('esp_reports')
      .set({ status: 'open', finished_at: null })
      .where('id', '=', reportId)
      .where('status', '=', 'finishing')
      .execute();
    return submitted;
  }
  if (submitted.kind === 'idempotency_mismatch') throw new Error('ESP report body changed after it was opened');
  const reference = submitted.reference;
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockEspReportById(trx, reportId);
    if (row?.status !== 'finishing') return;
    await repo.setStatus(trx, reportId, {
      status: 'finished',
      finished_at: new Date(),
      reference,
      report_id: (await repo.reportIdByReference(trx, reference)) ?? null,
    });
    await recordAudit(trx, {
      actor,
      action: 'esp.finish',
      target: { type: 'report', id: reference },
      requestId: ctx.requestId,
      details: { espReportId: reportId },
    });
  });
  return { kind: 'finished', reference, replayed: submitted.kind === 'replayed' };
}

export type RetractOutcome = { kind: 'retracted' } | { kind: 'not_found' } | { kind: 'finished' };

/** Withdraws an unfinished report; its file bytes are deleted, hashes and the audit trail stay. */
export async function retractEspReport(deps: EspDeps, actor: ServiceActor, reportId: string, ctx: Ctx): Promise<RetractOutcome> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const report = await repo.lockEspReport(trx, actor.organisation, reportId);
    if (!report) return { outcome: { kind: 'not_found' } as const, keys: [] };
    if (report.status === 'retracted') return { outcome: { kind: 'retracted' } as const, keys: [] };
    if (report.status !== 'open') return { outcome: { kind: 'finished' } as const, keys: [] };
    const keys = await retract(trx, actor, reportId, 'esp', ctx.requestId);
    return { outcome: { kind: 'retracted' } as const, keys };
  });
  await removeAll(deps, result.keys);
  return result.outcome;
}

async function retract(
  trx: Transaction<Database>,
  actor: Actor,
  reportId: string,
  reason: 'esp' | 'expired',
  requestId?: string,
): Promise<string[]> {
  await repo.setStatus(trx, reportId, { status: 'retracted', retracted_at: new Date(), retract_reason: reason });
  const keys = await repo.detachStoredFiles(trx, reportId);
  await recordAudit(trx, {
    actor,
    action: 'esp.retract',
    target: { type: 'esp_report', id: reportId },
    requestId,
    details: { reason, filesDeleted: keys.length },
  });
  return keys;
}

async function removeAll(deps: EspDeps, keys: string[]): Promise<void> {
  for (const key of keys) await deps.files.remove(key);
}

const SWEEP_ACTOR: Actor = { kind: 'system', label: 'esp sweep' };

/**
 * Retracts reports left open for more than 24 hours, and completes finishes that were interrupted.
 * `now` is injected so the rule can be tested without waiting a day.
 */
export async function sweepStaleEspReports(deps: EspDeps, now: Date): Promise<{ retracted: number; completed: number }> {
  let retracted = 0;
  let completed = 0;
  for (;;) {
    const stale = await repo.staleReports(deps.db, 'open', new Date(now.getTime() - STALE_AFTER_MS), 'opened_at', 100);
    for (const { id } of stale) {
      const keys = await deps.db.transaction().execute(async (trx) => {
        const row = await repo.lockEspReportById(trx, id);
        if (row?.status !== 'open') return undefined;
        return retract(trx, SWEEP_ACTOR, id, 'expired');
      });
      if (keys) {
        retracted += 1;
        await removeAll(deps, keys);
      }
    }
    if (stale.length < 100) break;
  }
  const interrupted = await repo.staleReports(
    deps.db,
    'finishing',
    new Date(now.getTime() - FINISHING_GRACE_MS),
    'finished_at',
    100,
  );
  for (const { id } of interrupted) {
    const row = await deps.db
      .selectFrom('esp_reports')
      .select('body_enc')
      .where('id', '=', id)
      .where('status', '=', 'finishing')
      .executeTakeFirst();
    if (!row) continue;
    const outcome = await completeFinish(deps, SWEEP_ACTOR, id, row.body_enc, { lang: 'en' });
    if (outcome.kind === 'finished') completed += 1;
  }
  return { retracted, completed };
}

export interface BatchItemInput {
  key?: unknown;
  report?: unknown;
}

export type BatchResult = { index: number; reference: string; replayed: boolean } | { index: number; errors: FieldError[] };

const ITEM_KEY = /^[\x21-\x7e]{1,200}$/;

/** Many finished reports in one request; each item stands alone and is idempotent by its own key. */
export async function submitEspBatch(
  deps: EspDeps,
  actor: ServiceActor,
  items: readonly unknown[],
  ctx: Ctx,
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const [index, raw] of items.entries()) {
    const item = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as BatchItemInput;
    if (typeof item.key !== 'string' || !ITEM_KEY.test(item.key)) {
      results.push({
        index,
        errors: [{ path: 'key', message: 'must be 1 to 200 visible ASCII characters, unique to this report' }],
      });
      continue;
    }
    const outcome = await submitReport(
      { db: deps.db, keyring: deps.keyring },
      {
        body: item.report,
        channel: 'esp',
        idempotencyKey: `esp-batch:${sha256(actor.organisation)}:${item.key}`,
        requestId: ctx.requestId,
        lang: ctx.lang,
        actor,
      },
    );
    switch (outcome.kind) {
      case 'invalid':
        results.push({ index, errors: outcome.errors.map((e) => ({ path: `report.${e.path}`, message: e.message })) });
        break;
      case 'idempotency_mismatch':
        results.push({ index, errors: [{ path: 'key', message: 'was already used for a different report' }] });
        break;
      case 'created':
      case 'replayed':
        results.push({ index, reference: outcome.reference, replayed: outcome.kind === 'replayed' });
    }
  }
  return results;
}
