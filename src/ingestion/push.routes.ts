import type { FastifyInstance, FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { keyFromHeaders } from '../auth/api-key';
import { DomainError } from '../errors/domain-errors';
import type { Services } from '../server/services';
import { RECORD_TYPES, recordJsonSchema, type RecordType } from './records';
import { toRejection } from './batch.service';
import { UploadError } from './upload';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

function sendError(reply: FastifyReply, error: unknown) {
  if (error instanceof DomainError) return reply.code(STATUS[error.code] ?? 400).send({ error: { code: error.code, message: error.message } });
  if (error instanceof UploadError) return reply.code(error.code === 'DECOMPRESSION_LIMIT' ? 413 : 400).send({ error: { code: error.code, message: error.message } });
  throw error;
}

/**
 * The streaming half of the push protocol (the GraphQL half opens and seals batches):
 * uploading parts, downloading rejections, and the record schemas.
 */
export async function pushRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // Parts stream straight through to Postgres; Fastify must not buffer or parse them.
  for (const type of ['application/x-ndjson', 'application/gzip', 'application/octet-stream', 'text/plain']) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }

  app.put<{ Params: { id: string; partNo: string } }>('/push/batches/:id/parts/:partNo', { bodyLimit: Number.MAX_SAFE_INTEGER }, async (request, reply) => {
    try {
      const caller = await services.apiKeys.authenticate(keyFromHeaders(request.headers));
      const gzip = /gzip/i.test(String(request.headers['content-encoding'] ?? '')) || /gzip/i.test(String(request.headers['content-type'] ?? ''));
      const body = (request.body as Readable | undefined) ?? request.raw;
      return await services.batches.uploadPart(caller, request.params.id, request.params.partNo, body, gzip);
    } catch (error) {
      // The part may not have been read to its end: close the connection after answering,
      // or the unread rest of it would sit in front of the client's next request.
      reply.header('connection', 'close');
      return sendError(reply, error);
    }
  });

  app.get<{ Params: { id: string } }>('/push/batches/:id/rejections.ndjson', async (request, reply) => {
    try {
      const caller = await services.apiKeys.authenticate(keyFromHeaders(request.headers));
      const batch = await services.batches.batch(caller, request.params.id);
      const rows = services.batches.allRejections(batch);
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="batch-${batch.id}-rejections.ndjson"`);
      return reply.send(
        Readable.from(
          (async function* () {
            for await (const row of rows) yield `${JSON.stringify(toRejection(row))}\n`;
          })(),
        ),
      );
    } catch (error) {
      return sendError(reply, error);
    }
  });

  app.get('/schemas/v1', async () => ({ recordTypes: RECORD_TYPES.map((type) => ({ type, schema: `/schemas/v1/${type}.json` })) }));
  app.get<{ Params: { type: string } }>('/schemas/v1/:type.json', async (request, reply) => {
    const type = request.params.type as RecordType;
    if (!RECORD_TYPES.includes(type)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no record type '${type}'; see /schemas/v1` } });
    return recordJsonSchema(type);
  });
}
