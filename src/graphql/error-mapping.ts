import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../db/database';
import { BadInputError, DomainError, RateLimitedError } from '../errors/domain-errors';
import { DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE_MESSAGE } from '../server/http-errors';

// graphql-armor reports its refusals as syntax or validation errors; they get a code of
// their own so a client can tell "your query is too expensive" from "your query is wrong".
const LIMIT_MESSAGE = /(depth limit|aliases limit|Token limit|Directives limit).*exceeded/i;
// graphql-js stops coercing variables after 50 bad values with an error of its own that
// Apollo does not mark as the caller's; the errors before it name each bad value.
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * The one place domain errors become GraphQL error codes. Anything that is not a known,
 * deliberate error is logged in full and reaches the client only as an opaque
 * INTERNAL_SERVER_ERROR, so no stack, SQL or row ever leaks.
 */
export function formatError(log: Logger, production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        ...formatted,
        message: original.message,
        extensions: {
          code: original.code,
          ...(original instanceof BadInputError ? { argument: original.argument } : {}),
          ...(original instanceof RateLimitedError ? { retryAfterSeconds: original.retryAfterSeconds } : {}),
        },
      };
    }
    if (isDatabaseUnavailable(original)) {
      return { message: DATABASE_UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: DATABASE_RETRY_SECONDS } };
    }
    if (LIMIT_MESSAGE.test(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    if (TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) {
      return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const code = formatted.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || (code === undefined && !(original instanceof GraphQLError))) {
      log.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
      return {
        message: 'Internal server error; it has been logged.',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    if (production) {
      const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return formatted;
  };
}
