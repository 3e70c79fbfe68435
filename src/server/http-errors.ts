import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/database';
import { BadInputError, DomainError, RateLimitedError } from '../errors/domain-errors';
import { UploadError } from '../ingestion/upload-errors';

const DOMAIN_STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, RATE_LIMITED: 429 };

export const DATABASE_UNAVAILABLE_MESSAGE = 'the database is busy or unreachable; try again shortly';
export const DATABASE_RETRY_SECONDS = 5;

interface Answer {
  status: number;
  code: string;
  message: string;
  argument?: string;
  retryAfterSeconds?: number;
}

/** The answer to an error: deliberate ones say what was wrong; anything else says only that it happened. */
function answerFor(error: Error): Answer | null {
  if (error instanceof DomainError) {
    return {
      status: DOMAIN_STATUS[error.code] ?? 400,
      code: error.code,
      message: error.message,
      ...(error instanceof BadInputError ? { argument: error.argument } : {}),
      ...(error instanceof RateLimitedError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    };
  }
  if (error instanceof UploadError) return { status: error.status, code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  if (isDatabaseUnavailable(error)) return { status: 503, code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, retryAfterSeconds: DATABASE_RETRY_SECONDS };
  const status = (error as FastifyError).statusCode;
  // Fastify's own refusals (malformed JSON, body too large, …) are about the request.
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, code: (error as FastifyError).code ?? 'BAD_REQUEST', message: error.message };
  return null;
}

/**
 * The HTTP routes' one error handler (GraphQL answers its own errors; its 4xx from Fastify
 * keep Fastify's shape). Every error answer is JSON with a code and the request id; an
 * unexpected error is logged with that id and its text never reaches the client: no
 * stack, no SQL. A request whose body was not read to its end gets its connection closed
 * after the answer, so the unread rest never reaches the server as a next request.
 */
export function httpErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply) {
  const answer = answerFor(error);
  if (answer && answer.status < 500 && request.url.startsWith('/graphql')) throw error;
  if (!request.raw.complete) reply.header('connection', 'close');
  if (answer?.retryAfterSeconds !== undefined) reply.header('retry-after', String(answer.retryAfterSeconds));
  if (!answer) {
    request.log.error({ err: error, reqId: request.id }, 'unexpected error answering a request');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'an unexpected error; the hub has logged it under this request id', requestId: request.id } });
  }
  if (answer.status >= 500) request.log.warn({ err: error, reqId: request.id }, answer.message);
  const { status, ...body } = answer;
  return reply.code(status).send({ error: { ...body, requestId: request.id } });
}
