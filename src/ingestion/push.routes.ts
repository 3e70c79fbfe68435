import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { keyFromHeaders } from '../auth/api-key';
import type { Services } from '../server/services';
import { RECORD_TYPES, recordJsonSchema, type RecordType } from './records';
import { maskIdNumbersIn } from '../entities/id-number';
import { toRejection, type UploadTarget } from './batch.service';
import { partCoding } from './content-coding';

type PartRequest = FastifyRequest<{ Params: { id: string; partNo: string } }>;

/**
 * The streaming half of the push protocol (the GraphQL half opens and seals batches):
 * uploading parts, downloading rejections, and the record schemas. Errors are answered by
 * the app's error handler (src/server/http-errors.ts).
 */
export async function pushRoutes(app: FastifyInstance, services: Services): Promise<void> {
  await app.register(async (scope) => {
    // Parts stream straight through to Postgres: Fastify must not buffer or parse them. Only
    // media types the upload's onRequest hook accepted ever get this far.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    // Settled from the URL and headers before a byte of the body is read: media type and
    // coding (415), key (401/403), batch (404), part number (400). A refusal closes the
    // connection (see http-errors.ts), so an unread body is never buffered.
    const targets = new WeakMap<FastifyRequest, UploadTarget>();
    const admit = async (request: PartRequest) => {
      const coding = partCoding(request.headers);
      const caller = await services.apiKeys.authenticate(keyFromHeaders(request.headers));
      targets.set(request, await services.batches.uploadTarget(caller, request.params.id, request.params.partNo, coding));
    };

    scope.put<{ Params: { id: string; partNo: string } }>('/push/batches/:id/parts/:partNo', { onRequest: admit, bodyLimit: Number.MAX_SAFE_INTEGER }, async (request) => {
      const body = (request.body as Readable | undefined) ?? request.raw;
      return services.batches.uploadPart(targets.get(request)!, body);
    });

    scope.get<{ Params: { id: string } }>('/push/batches/:id/rejections.ndjson', async (request, reply) => {
      const caller = await services.apiKeys.authenticate(keyFromHeaders(request.headers));
      const batch = await services.batches.batch(caller, request.params.id);
      const rows = services.batches.allRejections(batch);
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="batch-${batch.id}-rejections.ndjson"`);
      return reply.send(
        Readable.from(
          (async function* () {
            // A stream passes no onSend masking (mask-responses.ts): each line is masked here.
            for await (const row of rows) yield `${maskIdNumbersIn(JSON.stringify(toRejection(row)))}\n`;
          })(),
        ),
      );
    });

    scope.get('/schemas/v1', async () => ({ recordTypes: RECORD_TYPES.map((type) => ({ type, schema: `/schemas/v1/${type}.json` })) }));
    scope.get<{ Params: { type: string } }>('/schemas/v1/:type.json', async (request, reply) => {
      const type = request.params.type as RecordType;
      if (!RECORD_TYPES.includes(type)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no record type '${type}'; see /schemas/v1` } });
      return recordJsonSchema(type);
    });
  });
}
