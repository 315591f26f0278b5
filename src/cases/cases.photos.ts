import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../database.ts';
import { checkFileType, type FileStore } from '../intake/index.ts';
import { pdqFromImage, raiseLeadsForPhoto } from '../leads/index.ts';
import { answer, authorize, open, refuse, seal, type Keyring, type RequestContext } from '../security/index.ts';
import { caseChange, caseRead } from './cases.audited.ts';
import * as repo from './cases.repo.ts';
import { casePhotoHash } from './cases.sealed.ts';
import type { CasesDeps, Closed, NotFound } from './cases.service.ts';

/**
 * Photos of the child on a case. Each upload is checked by its bytes, re-encoded by sharp (which
 * drops EXIF, GPS, XMP and every other metadata block, and applies the orientation first), then
 * sealed with its own key like an ESP file. Only the re-encoded copy is ever stored.
 */
export interface PhotosDeps extends CasesDeps {
  files: FileStore;
}

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_CASE = 20;
/** Large enough for a printed poster, small enough that a phone photo does not fill the disk. */
const MAX_EDGE = 2400;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export interface PhotoView {
  id: string;
  type: 'image/jpeg' | 'image/png';
  size: number;
  width: number;
  height: number;
  pdqHex: string | null;
  createdAt: Date;
}

type PhotoRow = Awaited<ReturnType<typeof photosOf>>[number];

async function photosOf(q: Db | repo.Trx, caseId: string) {
  return q.selectFrom('case_photos').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
}

const viewOf = (keyring: Keyring, r: PhotoRow): PhotoView => ({
  id: r.id,
  type: r.mime_type as PhotoView['type'],
  size: r.size_bytes,
  width: r.width,
  height: r.height,
  pdqHex: r.pdq_enc ? open(keyring, casePhotoHash, r.pdq_enc) : r.pdq_hex,
  createdAt: new Date(r.created_at),
});

/** A clean copy: PNG stays PNG (drawings, screenshots), everything else becomes JPEG, metadata gone. */
export async function cleanPhoto(
  bytes: Buffer,
  mime: string,
): Promise<{ bytes: Buffer; type: PhotoView['type']; width: number; height: number }> {
  const image = sharp(bytes, { failOn: 'error' })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true });
  const type = mime === 'image/png' ? 'image/png' : 'image/jpeg';
  const out = type === 'image/png' ? image.png() : image.jpeg({ quality: 88, mozjpeg: true });
  const { data, info } = await out.toBuffer({ resolveWithObject: true });
  return { bytes: data, type, width: info.width, height: info.height };
}

/** The PDQ hash lets leads match this photo against adverts; a photo PDQ cannot read is still kept. */
async function pdqHexOf(bytes: Buffer): Promise<string | null> {
  try {
    return (await pdqFromImage(bytes)).hex;
  } catch {
    return null;
  }
}

export type UploadOutcome =
  | { kind: 'ok'; photo: PhotoView }
  | { kind: 'invalid'; errors: { path: string; message: string }[] }
  | { kind: 'too_many' }
  | NotFound
  | Closed;

export async function addPhoto(
  deps: PhotosDeps,
  ctx: RequestContext,
  reference: string,
  upload: { bytes: Buffer; declaredType: string | undefined },
): Promise<UploadOutcome> {
  const { actor } = ctx;
  authorize(actor, 'case.update');
  const invalid = (message: string): UploadOutcome => ({ kind: 'invalid', errors: [{ path: 'photo', message }] });
  const type = await checkFileType(upload.bytes, upload.declaredType);
  if (type.kind !== 'ok' || !(PHOTO_TYPES as readonly string[]).includes(type.mime))
    return invalid('must be a JPEG, PNG or WebP image');
  let clean;
  try {
    clean = await cleanPhoto(upload.bytes, type.mime);
  } catch {
    return invalid('could not be read as an image');
  }
  const pdqHex = await pdqHexOf(clean.bytes);
  const id = randomUUID();
  // Sealed before the transaction so no lock waits on disk or a bucket; a refused upload removes it again.
  const stored = await deps.files.put(id, clean.bytes);
  const out = await caseChange<UploadOutcome>(deps, ctx, { reference, action: 'case.photo_add' }, async (trx, row) => {
    if ((await photosOf(trx, row.id)).length >= PHOTOS_PER_CASE) return refuse({ kind: 'too_many' });
    const saved = await trx
      .insertInto('case_photos')
      .values({
        id,
        case_id: row.id,
        storage_key: stored.storageKey,
        data_key_enc: stored.dataKeyEnc,
        mime_type: clean.type,
        size_bytes: clean.bytes.length,
        width: clean.width,
        height: clean.height,
        pdq_enc: pdqHex ? seal(deps.keyring, casePhotoHash, pdqHex) : null,
        created_by: actor.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await repo.touchCase(trx, row.id);
    // Matched against stored adverts now, in this transaction, not at the next `leads match`.
    if (pdqHex) await raiseLeadsForPhoto(trx, row.reference, pdqHex);
    return answer({ kind: 'ok', photo: viewOf(deps.keyring, saved) }, { details: { photoId: id } });
  });
  if (out.kind !== 'ok') await deps.files.remove(stored.storageKey);
  return out;
}

export async function listPhotos(
  deps: PhotosDeps,
  ctx: RequestContext,
  reference: string,
): Promise<{ kind: 'ok'; photos: PhotoView[] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead(deps, ctx, { reference, action: 'case.photo_list' }, async (trx, row) => {
    const photos = (await photosOf(trx, row.id)).map((r) => viewOf(deps.keyring, r));
    return answer({ kind: 'ok', photos } as const, { details: { count: photos.length } });
  });
}

/** The bytes of one photo; each look is audited in the transaction that hands them out. */
export async function readPhoto(
  deps: PhotosDeps,
  ctx: RequestContext,
  reference: string,
  photoId: string,
): Promise<{ kind: 'ok'; bytes: Buffer; type: PhotoView['type'] } | NotFound> {
  authorize(ctx.actor, 'case.read');
  return caseRead<{ kind: 'ok'; bytes: Buffer; type: PhotoView['type'] } | NotFound>(
    deps,
    ctx,
    { reference, action: 'case.photo_view' },
    async (trx, row) => {
      const photo = await trx
        .selectFrom('case_photos')
        .selectAll()
        .where('case_id', '=', row.id)
        .where('id', '=', photoId)
        .executeTakeFirst();
      if (!photo) return refuse({ kind: 'not_found' });
      const bytes = await deps.files.get(photo.id, { storageKey: photo.storage_key, dataKeyEnc: photo.data_key_enc });
      return answer({ kind: 'ok', bytes, type: photo.mime_type as PhotoView['type'] }, { details: { photoId } });
    },
  );
}

/** The first photo of a case, for the poster (the poster's own read is the audited one). */
export async function firstPhoto(
  files: FileStore,
  trx: repo.Trx,
  caseId: string,
): Promise<{ bytes: Uint8Array; type: PhotoView['type'] } | undefined> {
  const [photo] = await photosOf(trx, caseId);
  if (!photo) return undefined;
  const bytes = await files.get(photo.id, { storageKey: photo.storage_key, dataKeyEnc: photo.data_key_enc });
  // A copy that starts at offset 0: pdf-lib reads a JPEG through `.buffer` and would miss a pooled Buffer's start.
  return { bytes: new Uint8Array(bytes), type: photo.mime_type as PhotoView['type'] };
}
