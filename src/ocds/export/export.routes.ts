import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { keyFromHeaders } from '../../auth/api-key';
import { maskIdNumbersIn } from '../../entities/id-number';
import { BadInputError } from '../../errors/domain-errors';
import { isRealDate } from '../../graphql/scalars';
import type { Services } from '../../server/services';

const day = z.string().refine(isRealDate, 'a date as YYYY-MM-DD');
const query = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit region code')
    .optional(),
  category: z.string().min(1).max(50).optional(),
});

/**
 * `GET /ocds/record-package.json?from=YYYY-MM-DD&to=YYYY-MM-DD&region=CODE&category=CODE`:
 * the projects registered in the period that the key may read, as an OCDS 1.1 record
 * package (docs/ocds.md), streamed.
 */
export async function ocdsExportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/ocds/record-package.json', async (request, reply) => {
    const caller = await services.apiKeys.authenticate(keyFromHeaders(request.headers));
    const parsed = query.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new BadInputError(issue.path.join('.') || 'query', issue.message);
    }
    const q = parsed.data;
    const chunks = services.ocdsExport.recordPackage(
      caller,
      { registeredFrom: q.from ?? null, registeredTo: q.to ?? null, regionCode: q.region ?? null, categoryCodes: q.category ? [q.category] : null },
      `${request.protocol}://${request.host}${request.url}`,
    );
    // The first chunk settles access and the filter, so a refusal is an error response, not a broken stream.
    const head = await chunks.next();
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.header('content-disposition', 'attachment; filename="record-package.json"');
    return reply.send(
      Readable.from(
        (async function* () {
          if (!head.done) yield head.value;
          // A stream passes no onSend masking (mask-responses.ts): each record is masked here.
          for await (const chunk of chunks) yield maskIdNumbersIn(chunk);
        })(),
      ),
    );
  });
}
