import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, type GraphQLSchema } from 'graphql';
import type { HubContext } from './context';
import { checkCost, costEstimator, type ListSize } from './cost';
import { asksForIntrospection, maySeeSchema, refuseIntrospection, withoutSuggestions } from './disclosure';
import { checkInputs } from './input-limits';

/** How many bad variable values execution names before it stops (graphql-js's default). */
const VARIABLE_ERRORS_REPORTED = 50;

export interface GuardOptions {
  schema: GraphQLSchema;
  listSizes: Record<string, ListSize>;
  maxCost: number;
  maxStringLength: number;
  development: boolean;
}

/**
 * The checks every operation passes after it is parsed and validated and before anything
 * resolves, in one place: introspection only for those who may see the schema, bounded
 * inputs, and a cost that follows list sizes. Then, on the way out, error messages are
 * trimmed of schema suggestions for callers who may not see the schema (disclosure.ts).
 */
export function requestGuard(opts: GuardOptions): ApolloServerPlugin<HubContext> {
  const estimator = costEstimator(opts.listSizes);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!maySeeSchema(contextValue.caller, opts.development) && asksForIntrospection(document)) refuseIntrospection();
          if (!operation) return; // Apollo refuses a document without the operation asked for
          const variables = request.variables ?? {};
          // Stopping at the errors execution reports (its 50) bounds the work: without a limit,
          // a list of 50,000 bad enum values costs graphql-js a suggestion search each, seconds
          // of the event loop for one request.
          const coerced = getVariableValues(opts.schema, operation.variableDefinitions ?? [], variables, { maxErrors: VARIABLE_ERRORS_REPORTED });
          // Variables that do not fit their types are refused by execution, naming them.
          if (coerced.errors) return;
          checkInputs({ schema: opts.schema, document, operation, variables: coerced.coerced, maxLength: opts.maxStringLength });
          checkCost({ schema: opts.schema, document, operationName: request.operationName, variables, estimator, maxCost: opts.maxCost });
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          if (maySeeSchema(contextValue?.caller ?? null, opts.development)) return;
          response.body.singleResult.errors = withoutSuggestions(response.body.singleResult.errors);
        },
      };
    },
  };
}
