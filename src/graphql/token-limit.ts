import { GraphQLError, parse } from 'graphql';

/**
 * Refuses a query with more than `maxTokens` tokens before anything else reads it. The
 * lexer stops at the limit, so a 10 MB query costs no more than a short one. (graphql-armor
 * has the same check, but its Apollo plugin turns every syntax error into HTTP 500.)
 * Returns the refusal message, or null when the query is within the limit or is left for
 * Apollo to report as a syntax error.
 */
export function tokenLimitExceeded(source: unknown, maxTokens: number): string | null {
  if (typeof source !== 'string') return null;
  try {
    parse(source, { maxTokens, noLocation: true });
    return null;
  } catch (error) {
    if (error instanceof GraphQLError && /more th\w+ \d+ tokens/.test(error.message)) {
      return `Token limit of ${maxTokens} exceeded: the query is too large.`;
    }
    return null;
  }
}
