import type { FastifyInstance } from 'fastify';

/**
 * A ceiling on the size of a GraphQL answer, after the cost limit: estimates are averages,
 * so a query within its cost can still meet an outlier (a project with thousands of bids).
 * An answer over the ceiling is not sent; the caller gets RESPONSE_TOO_LARGE and narrows
 * or pages the query. Apollo hands Fastify the answer as one string, so measuring it is free.
 */
export function responseCeiling(app: FastifyInstance, maxBytes: number): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/graphql') || typeof payload !== 'string' || payload.length <= maxBytes / 3) return payload;
    const bytes = Buffer.byteLength(payload);
    if (bytes <= maxBytes) return payload;
    request.log.warn({ bytes, maxBytes }, 'GraphQL answer over GRAPHQL_MAX_RESPONSE_BYTES not sent');
    const message =
      `The answer would be ${bytes.toLocaleString('en-US')} bytes, over the limit of ${maxBytes.toLocaleString('en-US')} ` +
      '(GRAPHQL_MAX_RESPONSE_BYTES): narrow the query or page it (smaller `first`, fewer fields or aliases).';
    void reply.code(200).header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify({ data: null, errors: [{ message, extensions: { code: 'RESPONSE_TOO_LARGE', bytes, maxBytes } }] });
  });
}
