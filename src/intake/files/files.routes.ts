import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, sendError, type AppDeps } from '../../http/index.ts';
import { abilities, type Actor } from '../../security/index.ts';
import { listTipFiles, readTipFileContent, type FilesDeps, type TipFile } from './files.service.ts';
import { fileStoreFor } from './storage.ts';

const reference = z.string().regex(/^BCN-\d{4}-\d{6,}$/);

export const tipFileResponse = z.object({
  id: z.uuid(),
  name: z.string().nullable().describe('The name the ESP gave the file, or the name it was uploaded under'),
  type: z.string().describe('The type Beacon detected from the file’s bytes'),
  size: z.number().int().describe('Bytes'),
  sha256: z.string(),
  md5: z.string(),
  uploadedAt: z.string(),
  description: z.string().nullable(),
  publiclyAvailable: z.boolean().nullable(),
  locationSeen: z.string().nullable(),
  gps: z.object({ latitude: z.number(), longitude: z.number() }).nullable().describe('EXIF GPS read from the file as received'),
  kept: z.boolean().describe('False when only hashes and metadata are kept (hash-only mode)'),
  metadataStripped: z.boolean().describe('True when a download is a copy without EXIF and other metadata (JPEG, PNG, WebP, GIF)'),
});

export const tipFilesResponse = z.object({ files: z.array(tipFileResponse), abilities: z.array(z.string()) });

function present(files: TipFile[], actor: Actor): z.output<typeof tipFilesResponse> {
  return {
    files: files.map((f) => ({
      id: f.id,
      name: f.name,
      type: f.type,
      size: f.size,
      sha256: f.sha256,
      md5: f.md5,
      uploadedAt: f.uploadedAt.toISOString(),
      description: f.description,
      publiclyAvailable: f.publiclyAvailable,
      locationSeen: f.locationSeen,
      gps: f.gps,
      kept: f.kept,
      metadataStripped: f.metadataStripped,
    })),
    abilities: abilities(actor, ['file.view']),
  };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'text/plain': 'txt',
  'application/json': 'json',
};

/** Staff read side of the files ESPs upload: the list (hashes, details, GPS) and a cleaned copy of the bytes. */
export function filesRoutes(deps: AppDeps) {
  const files: FilesDeps = { db: deps.db, keyring: deps.keyring, files: fileStoreFor(deps.config, deps.keyring) };
  return async function register(fastify: FastifyInstance): Promise<void> {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];
    const notFound = 'There is no tip with that reference that you may see, or no such file on it.';

    app.get(
      '/api/v1/reports/:reference/files',
      {
        schema: {
          tags,
          summary: 'The files an ESP sent with a tip: hashes and details, never the bytes (audited)',
          description:
            'Needs `report.read` and the tip in your scope. `abilities` says whether you may download the files (`file.view`).',
          params: z.object({ reference }),
          response: { 200: tipFilesResponse, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request, reply) => {
        const outcome = await listTipFiles(files, request.actor, request.params.reference, { requestId: request.id });
        if (outcome.kind === 'not_found')
          return sendError(reply, 404, 'not_found', 'There is no tip with that reference that you may see.');
        return present(outcome.files, request.actor);
      },
    );

    app.get(
      '/api/v1/reports/:reference/files/:fileId/content',
      {
        schema: {
          tags,
          summary: 'Download one file, with its metadata removed (audited)',
          description:
            'Needs `file.view` (analysts, supervisors). JPEG, PNG, WebP and GIF come as a copy without EXIF, XMP, comments or text chunks (WebP, GIF and rotated pictures re-encoded upright); other types as received. Always an attachment, never shown inline. 404 when only the hashes are kept.',
          params: z.object({ reference, fileId: z.uuid() }),
          response: {
            200: {
              description: 'The file (Content-Disposition: attachment)',
              content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
            },
            401: errorBody,
            403: errorBody,
            404: errorBody,
            422: errorBody,
          },
        },
      },
      async (request, reply) => {
        const outcome = await readTipFileContent(files, request.actor, request.params, { requestId: request.id });
        switch (outcome.kind) {
          case 'not_found':
            return sendError(reply, 404, 'not_found', notFound);
          case 'not_kept':
            return sendError(
              reply,
              404,
              'not_kept',
              'Only the hashes and details of this file are kept; its contents were not stored.',
            );
          case 'unstrippable':
            return sendError(reply, 422, 'unstrippable', 'The file’s metadata could not be removed, so it is not handed out.');
          case 'ok': {
            // A neutral name: the ESP's name for the file may itself say something about a child.
            const name = `file-${outcome.fileId}.${EXTENSIONS[outcome.type] ?? 'bin'}`;
            const type =
              outcome.type.startsWith('text/') || outcome.type === 'application/json'
                ? `${outcome.type}; charset=utf-8`
                : outcome.type;
            // The typed reply knows only the documented (string) body; the bytes go out as a Buffer, unserialised.
            return (reply as FastifyReply)
              .type(type)
              .header('Content-Disposition', `attachment; filename="${name}"`)
              .header('X-Content-Type-Options', 'nosniff')
              .send(outcome.bytes);
          }
        }
      },
    );
  };
}
