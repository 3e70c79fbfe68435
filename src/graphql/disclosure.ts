import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { Caller } from '../auth/caller';

/**
 * What a caller may learn about the schema and the server beyond the answer it asked for.
 * The schema's shape (introspection, "did you mean" suggestions) is for admin keys, or for
 * everyone when the operator says NODE_ENV=development; stack traces, which name files on
 * the server, only for admin keys in development. An unset NODE_ENV is not development.
 */
export interface Disclosure {
  schema: boolean;
  stacktraces: boolean;
}

export function disclosureFor(caller: Caller | null, development: boolean): Disclosure {
  const admin = caller?.role === 'admin';
  return { schema: development || admin, stacktraces: development && admin };
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

/** The errors as this caller may see them. */
export function withoutDisclosures(errors: readonly GraphQLFormattedError[], disclosure: Disclosure): GraphQLFormattedError[] {
  return errors.map((error) => {
    const message = disclosure.schema ? error.message : error.message.replace(SUGGESTION, '');
    if (disclosure.stacktraces || error.extensions?.stacktrace === undefined) return { ...error, message };
    const { stacktrace: _, ...extensions } = error.extensions;
    return { ...error, message, extensions };
  });
}
