import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Caller } from '../auth/caller';

/**
 * What a caller may learn about the schema beyond the answer it asked for: introspection
 * and "did you mean" suggestions are for admin keys, or for every key when the operator
 * says NODE_ENV=development (an unset NODE_ENV is not development). Stack traces are sent
 * to nobody (app.ts): the hub logs unexpected errors in full, and every other error's
 * message says what is wrong.
 */
export function maySeeSchema(caller: Caller | null, development: boolean): boolean {
  return development || caller?.role === 'admin';
}

export function asksForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}

export function refuseIntrospection(): never {
  throw new GraphQLError('Introspection (__schema, __type) is open only to admin keys, or to every key with NODE_ENV=development.', {
    extensions: { code: 'FORBIDDEN', http: { status: 403 } },
  });
}

// graphql-js appends these to validation messages: `… Did you mean "projects"?`.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The errors without schema suggestions, for callers who may not see the schema. */
export function withoutSuggestions(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  return errors.map((error) => ({ ...error, message: error.message.replace(SUGGESTION, '') }));
}
