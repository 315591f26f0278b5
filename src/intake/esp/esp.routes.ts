import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldErrors } from '../../core/validation.ts';
import type { Lang } from '../../core/deployment.ts';
import { bodyParsedByService, errorBody, langOf, sendError, type AppDeps } from '../../http/index.ts';
import { apiTokenHash, type ServiceActor } from '../../security/index.ts';
import { fileStoreFor } from '../files/storage.ts';
import {
  MAX_BATCH,
  batchBody,
  batchEnvelope,
  batchResponse,
  espReportDocument,
  fileDetailsSchema,
  fileParams,
  finishedResponse,
  idempotencyKey,
  openedResponse,
  reportIdParams,
  retractedResponse,
  uploadedResponse,
} from './esp.schema.ts';
import {
  finishEspReport,
  openEspReport,
  retractEspReport,
  submitEspBatch,
  updateEspFileDetails,
  uploadEspFile,
  type BatchResult,
  type EspDeps,
} from './esp.service.ts';
import { errorsInXml, parseBatchXml, parseReportXml, type XmlReport } from './esp.xml.ts';

/** An XML request body, kept as text until the route knows which document it expects. */
class XmlBody {
  constructor(readonly text: string) {}
}

export function espDepsOf(deps: Pick<AppDeps, 'config' | 'db' | 'keyring'>): EspDeps {
  return { db: deps.db, keyring: deps.keyring, files: fileStoreFor(deps.config, deps.keyring), settings: deps.config.esp };
}

/** Each XML item through the same batch submission, its errors naming elements. */
async function submitXmlBatch(
  esp: EspDeps,
  actor: ServiceActor,
  items: { key: string | undefined; report: XmlReport }[],
  ctx: { lang: Lang; requestId: string },
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const [index, item] of items.entries()) {
    if (item.report.kind === 'invalid') {
      results.push({ index, errors: item.report.errors });
      continue;
    }
    const { xmlPathOf } = item.report;
    const [result] = await submitEspBatch(esp, actor, [{ key: item.key, report: item.report.body }], ctx);
    if (result && 'errors' in result) {
      results.push({
        index,
        errors: result.errors.map((e) => ({
          path: e.path.startsWith('report.') ? xmlPathOf(e.path.slice(7)) : e.path,
          message: e.message,
        })),
      });
    } else if (result) results.push({ ...result, index });
  }
  return results;
}

/** The token route config and the OpenAPI security entry every ESP route carries. */
const security = [{ espToken: [] }];
const tags = ['esp'];

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Electronic service providers: open a report, add files and their details, finish or retract; or send a batch. */
export function espRoutes(deps: AppDeps) {
  const esp = espDepsOf(deps);
  const settings = esp.settings;
  return async function register(fastify: FastifyInstance): Promise<void> {
    await fastify.register(fastifyMultipart, {
      limits: { fileSize: settings.maxFileBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
    });
    // Same size limit as JSON (the server's bodyLimit); parsed by the route, with no DTDs.
    fastify.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) =>
      done(null, new XmlBody(body as string)),
    );
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const config = {
      token: 'esp:report' as const,
      // Per token, not per address: one ESP may send from many machines, and many ESPs from one proxy.
      rateLimit: {
        max: settings.ratePerMinute,
        timeWindow: '1 minute',
        keyGenerator: (request: FastifyRequest) => `esp:${apiTokenHash(bearerOf(request) ?? request.ip)}`,
      },
    };
    const actorOf = (request: FastifyRequest) => request.actor as ServiceActor;
    const ctx = (request: FastifyRequest) => ({ lang: langOf(request), requestId: request.id });
    const notFound = (reply: Parameters<typeof sendError>[0]) =>
      sendError(reply, 404, 'not_found', 'There is no report with that id for this organisation.');
    const notOpen = (reply: Parameters<typeof sendError>[0], status: string) =>
      sendError(
        reply,
        409,
        'not_open',
        status === 'retracted' ? 'This report was retracted.' : 'This report is already finished.',
      );

    app.post(
      '/api/v1/esp/reports',
      {
        config,
        validatorCompiler: bodyParsedByService,
        schema: {
          tags,
          security,
          summary: 'Open a report',
          description:
            'Validates and stores the report; analysts do not see it until it is finished. An unfinished report is retracted after 24 hours. Send an `Idempotency-Key` so a retry returns the same report id. JSON in Beacon’s model, or XML (`application/xml`) in the CyberTipline element structure; errors in an XML report name the element (`report/victim[1]/victimPerson/age`).',
          headers: z.object({ 'idempotency-key': idempotencyKey.optional() }),
          body: espReportDocument,
          response: { 201: openedResponse, 400: errorBody, 401: errorBody, 403: errorBody, 422: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const xml = request.body instanceof XmlBody ? parseReportXml(request.body.text) : undefined;
        if (xml?.kind === 'invalid')
          return sendError(reply, 400, 'invalid', 'Some elements need attention.', { errors: xml.errors });
        const body = xml === undefined ? request.body : xml.body;
        const outcome = await openEspReport(esp, actorOf(request), {
          body,
          idempotencyKey: request.headers['idempotency-key'],
          ...ctx(request),
        });
        switch (outcome.kind) {
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
              errors: xml === undefined ? outcome.errors : errorsInXml(outcome.errors, xml.xmlPathOf),
            });
          case 'idempotency_mismatch':
            return sendError(
              reply,
              422,
              'idempotency_key_reused',
              'This Idempotency-Key was already used for a different report.',
            );
          case 'created':
          case 'replayed':
            if (outcome.kind === 'replayed') reply.header('Idempotent-Replayed', 'true');
            return reply.code(201).send({ reportId: outcome.reportId });
        }
      },
    );

    app.post(
      '/api/v1/esp/reports/:id/files',
      {
        config,
        bodyLimit: settings.maxFileBytes + 64 * 1024,
        validatorCompiler: bodyParsedByService,
        schema: {
          tags,
          security,
          summary: 'Upload one file to an open report',
          description: `One file per request as \`multipart/form-data\` in the field \`file\`, at most ${settings.maxFileBytes} bytes. The type is decided from the file’s bytes: JPEG, PNG, GIF, WebP, PDF, MP4, or UTF-8 text or JSON chat exports (declared as text/plain or application/json). Beacon hashes it (SHA-256, MD5), reads any EXIF GPS for the analyst, and stores it encrypted${settings.hashOnly ? ' (this Beacon keeps hashes and metadata only)' : ''}.`,
          consumes: ['multipart/form-data'],
          params: reportIdParams,
          body: z.object({ file: z.string().meta({ format: 'binary' }) }),
          response: {
            201: uploadedResponse,
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            413: errorBody,
            415: errorBody,
            429: errorBody,
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          return sendError(reply, 415, 'unsupported_media_type', 'Send the file as multipart/form-data in the field "file".');
        let part;
        try {
          part = await request.file();
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode === 413)
            return sendError(reply, 413, 'too_large', 'Send one file per request.');
          throw err;
        }
        if (!part)
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: 'file', message: 'is required' }],
          });
        const fieldName = /^[\w.-]{1,50}$/.test(part.fieldname) ? part.fieldname : 'file';
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            return sendError(reply, 413, 'too_large', `The file is larger than ${settings.maxFileBytes} bytes.`, {
              errors: [{ path: fieldName, message: `must be at most ${settings.maxFileBytes} bytes` }],
            });
          }
          throw err;
        }
        if (bytes.length === 0)
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: [{ path: fieldName, message: 'is empty' }],
          });
        const outcome = await uploadEspFile(
          esp,
          actorOf(request),
          request.params.id,
          { fieldName, fileName: part.filename, declaredType: part.mimetype, bytes },
          ctx(request),
        );
        switch (outcome.kind) {
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: outcome.errors });
          case 'not_found':
            return notFound(reply);
          case 'not_open':
            return notOpen(reply, outcome.status);
          case 'too_many_files':
            return sendError(reply, 409, 'too_many_files', `A report may have at most ${settings.maxFilesPerReport} files.`);
          case 'created':
            return reply.code(201).send(outcome.file);
        }
      },
    );

    app.put(
      '/api/v1/esp/reports/:id/files/:fileId',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Describe an uploaded file',
          description:
            'Replaces the file’s details: its original name, a description, whether it was publicly available, and where it was seen.',
          params: fileParams,
          body: fileDetailsSchema,
          response: {
            204: z.null(),
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            429: errorBody,
          },
        },
      },
      async (request, reply) => {
        const outcome = await updateEspFileDetails(
          esp,
          actorOf(request),
          request.params.id,
          request.params.fileId,
          request.body,
          ctx(request),
        );
        if (outcome.kind === 'not_found')
          return sendError(reply, 404, 'not_found', 'There is no such file on a report of this organisation.');
        if (outcome.kind === 'not_open') return notOpen(reply, outcome.status);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/v1/esp/reports/:id/finish',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Finish a report: it enters the analysts’ queue',
          description: 'Answers 201 with the tip’s reference once it is committed. Finishing again returns the same reference.',
          params: reportIdParams,
          response: {
            201: finishedResponse,
            400: errorBody,
            401: errorBody,
            403: errorBody,
            404: errorBody,
            409: errorBody,
            429: errorBody,
          },
        },
      },
      async (request, reply) => {
        const outcome = await finishEspReport(esp, actorOf(request), request.params.id, ctx(request));
        switch (outcome.kind) {
          case 'not_found':
            return notFound(reply);
          case 'retracted':
            return notOpen(reply, 'retracted');
          case 'invalid':
            return sendError(reply, 400, 'invalid', 'Some fields need attention.', { errors: outcome.errors });
          case 'finished':
            if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
            return reply.code(201).send({ reportId: request.params.id, reference: outcome.reference });
        }
      },
    );

    app.post(
      '/api/v1/esp/reports/:id/retract',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Retract an unfinished report',
          description:
            'The report never reaches analysts and its files’ bytes are deleted. Retracting twice is harmless; a finished report cannot be retracted (409).',
          params: reportIdParams,
          response: { 200: retractedResponse, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        const outcome = await retractEspReport(esp, actorOf(request), request.params.id, ctx(request));
        if (outcome.kind === 'not_found') return notFound(reply);
        if (outcome.kind === 'finished')
          return sendError(reply, 409, 'finished', 'This report is already finished and with analysts.');
        return { reportId: request.params.id, status: 'retracted' as const };
      },
    );

    app.post(
      '/api/v1/esp/batch',
      {
        config,
        validatorCompiler: bodyParsedByService,
        schema: {
          tags,
          security,
          summary: 'Submit up to 100 finished reports',
          description:
            'Each item is validated and stored on its own and is idempotent by its `key`: the answer lists, per item, its reference or the fields that need attention. As XML (`application/xml`): `<reports>` holding up to 100 `<report key="...">` in the CyberTipline element structure.',
          consumes: ['application/json', 'application/xml'],
          body: batchBody,
          response: { 200: batchResponse, 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody },
        },
      },
      async (request, reply) => {
        if (request.body instanceof XmlBody) {
          const batch = parseBatchXml(request.body.text);
          if (batch.kind === 'invalid')
            return sendError(reply, 400, 'invalid', 'Some elements need attention.', { errors: batch.errors });
          if (batch.items.length < 1 || batch.items.length > MAX_BATCH) {
            return sendError(reply, 400, 'invalid', 'Some elements need attention.', {
              errors: [{ path: 'reports', message: `must hold 1 to ${MAX_BATCH} reports` }],
            });
          }
          return reply.code(200).send({ results: await submitXmlBatch(esp, actorOf(request), batch.items, ctx(request)) });
        }
        const envelope = batchEnvelope.safeParse(request.body, { reportInput: true });
        if (!envelope.success)
          return sendError(reply, 400, 'invalid', 'Some fields need attention.', {
            errors: fieldErrors(envelope.error, langOf(request)),
          });
        return reply
          .code(200)
          .send({ results: await submitEspBatch(esp, actorOf(request), envelope.data.reports, ctx(request)) });
      },
    );
  };
}
