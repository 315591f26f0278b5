import type { Transaction } from 'kysely';
import type { Database, Db } from '../../database.ts';
import { authorize, open, recordAudit, recordScope, type Actor, type Keyring } from '../../security/index.ts';
import * as espRepo from '../esp/esp.repo.ts';
import type { FileMeta } from '../esp/esp.service.ts';
import type { ExportedFile } from '../export/export.types.ts';
import { findReportByReference } from '../intake.repo.ts';
import { espFileMeta } from '../intake.sealed.ts';
import { StripError, type GpsPoint } from './exif.ts';
import { isCleanedType, shownCopy } from './images.ts';
import type { FileStore } from './storage.ts';

export interface FilesDeps {
  db: Db;
  keyring: Keyring;
  files: FileStore;
}

type FileRow = Awaited<ReturnType<typeof espRepo.filesOfTips>>[number];

/** What an analyst may know about a file: hashes and metadata, never the bytes. */
export interface TipFile {
  id: string;
  name: string | null;
  type: string;
  size: number;
  sha256: string;
  md5: string;
  uploadedAt: Date;
  description: string | null;
  publiclyAvailable: boolean | null;
  locationSeen: string | null;
  gps: GpsPoint | null;
  /** False in hash-only mode (or once the bytes were discarded): only the hashes and metadata remain. */
  kept: boolean;
  /** Whether a download is a copy with its metadata removed, or the file as it was received. */
  metadataStripped: boolean;
}

function metaOf(keyring: Keyring, row: FileRow): FileMeta {
  return open(keyring, espFileMeta, row.meta_enc);
}

/** The ESP's own name for the file wins over the name it was uploaded under. */
function nameOf(meta: FileMeta): string | null {
  return meta.details.originalName ?? meta.uploadName ?? null;
}

function tipFile(keyring: Keyring, row: FileRow): TipFile {
  const meta = metaOf(keyring, row);
  return {
    id: row.id,
    name: nameOf(meta),
    type: row.mime_type,
    size: Number(row.size_bytes),
    sha256: row.sha256,
    md5: row.md5,
    uploadedAt: new Date(row.created_at),
    description: meta.details.description ?? null,
    publiclyAvailable: meta.details.publiclyAvailable ?? null,
    locationSeen: meta.details.locationSeen ?? null,
    gps: meta.gps,
    kept: row.storage_key !== null && row.data_key_enc !== null,
    metadataStripped: isCleanedType(row.mime_type),
  };
}

interface Ctx {
  requestId?: string | undefined;
}

export type ListOutcome = { kind: 'ok'; files: TipFile[] } | { kind: 'not_found' };

/** The files of one tip in the actor's scope; looking at the list is audited like reading the tip. */
export async function listTipFiles(deps: FilesDeps, actor: Actor, reference: string, ctx: Ctx = {}): Promise<ListOutcome> {
  authorize(actor, 'report.read');
  const scope = recordScope(actor, 'report.read');
  return deps.db.transaction().execute(async (trx) => {
    const report = await findReportByReference(trx, scope, reference);
    if (!report) return { kind: 'not_found' } as const;
    const rows = await espRepo.filesOfTips(trx, [report.id]);
    await recordAudit(trx, {
      actor,
      action: 'file.list',
      target: { type: 'report', id: report.reference },
      requestId: ctx.requestId,
      details: { count: rows.length },
    });
    return { kind: 'ok', files: rows.map((row) => tipFile(deps.keyring, row)) } as const;
  });
}

export type ContentOutcome =
  | { kind: 'ok'; bytes: Buffer; type: string; fileId: string; metadataStripped: boolean }
  | { kind: 'not_found' }
  | { kind: 'not_kept' }
  | { kind: 'unstrippable' };

class Unstrippable extends Error {}

/**
 * The bytes of one file, decrypted, as a copy without EXIF and other metadata for images.
 * The file is read and cleaned inside the audited transaction, so the entry exists only when bytes
 * were actually handed out.
 */
export async function readTipFileContent(
  deps: FilesDeps,
  actor: Actor,
  q: { reference: string; fileId: string },
  ctx: Ctx = {},
): Promise<ContentOutcome> {
  authorize(actor, 'file.view');
  const scope = recordScope(actor, 'file.view');
  try {
    return await deps.db.transaction().execute(async (trx): Promise<ContentOutcome> => {
      const report = await findReportByReference(trx, scope, q.reference);
      if (!report) return { kind: 'not_found' };
      const row = await espRepo.fileOfTip(trx, report.id, q.fileId);
      if (!row) return { kind: 'not_found' };
      if (row.storage_key === null || row.data_key_enc === null) return { kind: 'not_kept' };
      const original = await deps.files.get(row.id, { storageKey: row.storage_key, dataKeyEnc: row.data_key_enc });
      const metadataStripped = isCleanedType(row.mime_type);
      let bytes = original;
      if (metadataStripped) {
        try {
          bytes = await shownCopy(original, row.mime_type);
        } catch (err) {
          // Never hand out the original instead: it may say where the picture was taken.
          if (err instanceof StripError) throw new Unstrippable();
          throw err;
        }
      }
      await recordAudit(trx, {
        actor,
        action: 'file.view',
        target: { type: 'report', id: report.reference },
        requestId: ctx.requestId,
        details: { fileId: row.id, type: row.mime_type, metadataStripped },
      });
      return { kind: 'ok', bytes, type: row.mime_type, fileId: row.id, metadataStripped };
    });
  } catch (err) {
    if (err instanceof Unstrippable) return { kind: 'unstrippable' };
    throw err;
  }
}

/**
 * The files of tips being exported, by tip id: hashes and metadata for the national tipline
 * (EXIF GPS included, as data), never the bytes. Runs inside the export's own audited transaction.
 */
export async function exportedFilesOf(
  trx: Transaction<Database>,
  keyring: Keyring,
  reportIds: readonly string[],
): Promise<Map<string, ExportedFile[]>> {
  const byTip = new Map<string, ExportedFile[]>();
  for (const row of await espRepo.filesOfTips(trx, reportIds)) {
    if (row.report_id === null) continue;
    const meta = metaOf(keyring, row);
    const exif: Record<string, number> = meta.gps ? { GPSLatitude: meta.gps.latitude, GPSLongitude: meta.gps.longitude } : {};
    const file: ExportedFile = {
      fileName: nameOf(meta) ?? `file-${row.id}`,
      sha256: row.sha256,
      md5: row.md5,
      size: Number(row.size_bytes),
      mimeType: row.mime_type,
      ...(meta.gps ? { exif } : {}),
    };
    const list = byTip.get(row.report_id) ?? [];
    list.push(file);
    byTip.set(row.report_id, list);
  }
  return byTip;
}
