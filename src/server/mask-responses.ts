import type { FastifyInstance } from 'fastify';
import { maskIdNumbersIn } from '../entities/id-number';

const TEXT = /json|text|javascript|xml/i;

/**
 * The one place ID numbers are masked on the way out: every response body the hub sends
 * as a string (GraphQL data and errors, JSON routes, error pages) or as a text buffer passes
 * through maskIdNumbersIn, so no resolver, route or error message can show one in clear by
 * forgetting to. Streams are left to their producers (the rejections download masks per
 * line); static dashboard files carry no data. One regex pass; text without an 18-character
 * digit run is returned as it came.
 */
export function maskResponses(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload === 'string') return maskIdNumbersIn(payload);
    if (Buffer.isBuffer(payload) && TEXT.test(String(reply.getHeader('content-type') ?? ''))) return maskIdNumbersIn(payload.toString('utf8'));
    return payload;
  });
}
