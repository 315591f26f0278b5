import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, requestContext, sendError } from '../http/index.ts';
import {
  addPhoto,
  listPhotos,
  PHOTO_MAX_BYTES,
  PHOTOS_PER_CASE,
  readPhoto,
  type PhotosDeps,
  type PhotoView,
} from './cases.photos.ts';
import { caseRef } from './cases.schema.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const photoResponse = z.object({
  id: z.string(),
  type: z.string(),
  size: z.number(),
  width: z.number(),
  height: z.number(),
  pdqHex: z.string().nullable(),
  createdAt: z.string(),
});
const present = (p: PhotoView) => ({
  id: p.id,
  type: p.type,
  size: p.size,
  width: p.width,
  height: p.height,
  pdqHex: p.pdqHex,
  createdAt: p.createdAt.toISOString(),
});
const notFound = (reply: FastifyReply) =>
  sendError(reply, 404, 'not_found', 'There is no case with that reference that you may see, or no such photo on it.');
const invalidPhoto = (reply: FastifyReply, message: string) =>
  sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: [{ path: 'photo', message }] });

/** Photos of the child: upload (multipart, field `photo`), list, and the audited download. */
export async function registerCasePhotos(fastify: FastifyInstance, deps: PhotosDeps): Promise<void> {
  await fastify.register(fastifyMultipart, {
    limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 50 },
  });
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];
  const base = '/api/v1/cases/:reference/photos';

  app.post(
    base,
    {
      bodyLimit: PHOTO_MAX_BYTES + 64 * 1024,
      schema: {
        tags,
        summary: 'Add a photo of the child (audited)',
        consumes: ['multipart/form-data'],
        description: `One JPEG, PNG or WebP image in the field \`photo\`, at most ${PHOTO_MAX_BYTES} bytes, ${PHOTOS_PER_CASE} per case. The type is decided from the bytes. Beacon keeps only a re-encoded copy without EXIF, GPS or other metadata, encrypted. The first photo goes on the poster.`,
        params: caseRef,
        response: { 201: photoResponse, ...errors, 413: errorBody, 415: errorBody },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        return sendError(reply, 415, 'unsupported_media_type', 'Send the photo as multipart/form-data in the field "photo".');
      const part = await request.file();
      if (!part) return invalidPhoto(reply, 'is required');
      let bytes: Buffer;
      try {
        bytes = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          return sendError(reply, 413, 'too_large', `The photo is larger than ${PHOTO_MAX_BYTES} bytes.`, {
            errors: [{ path: 'photo', message: `must be at most ${PHOTO_MAX_BYTES} bytes` }],
          });
        throw err;
      }
      if (bytes.length === 0) return invalidPhoto(reply, 'is empty');
      const out = await addPhoto(deps, requestContext(request), request.params.reference, { bytes, declaredType: part.mimetype });
      switch (out.kind) {
        case 'invalid':
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: out.errors });
        case 'not_found':
          return notFound(reply);
        case 'closed':
          return sendError(reply, 409, 'case_closed', 'This case is closed and can no longer change.');
        case 'too_many':
          return sendError(reply, 409, 'too_many_photos', `A case may have at most ${PHOTOS_PER_CASE} photos.`);
        case 'ok':
          return reply.code(201).send(present(out.photo));
      }
    },
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The photos of a case (details only)',
        params: caseRef,
        response: { 200: z.object({ items: z.array(photoResponse) }), ...errors },
      },
    },
    async (request, reply) => {
      const out = await listPhotos(deps, requestContext(request), request.params.reference);
      if (out.kind === 'not_found') return notFound(reply);
      return { items: out.photos.map(present) };
    },
  );

  app.get(
    `${base}/:photoId`,
    {
      schema: {
        tags,
        summary: 'One photo (audited)',
        params: caseRef.extend({ photoId: z.uuid() }),
        response: {
          200: {
            description: 'The cleaned image',
            content: {
              'image/jpeg': { schema: z.string().meta({ format: 'binary' }) },
              'image/png': { schema: z.string().meta({ format: 'binary' }) },
            },
          },
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const out = await readPhoto(deps, requestContext(request), request.params.reference, request.params.photoId);
      if (out.kind === 'not_found') return notFound(reply);
      // The typed reply knows only the documented (string) body; the bytes go out as a Buffer.
      return (reply as FastifyReply)
        .type(out.type)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Disposition', 'inline')
        .send(out.bytes);
    },
  );
}
