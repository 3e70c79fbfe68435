import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, type GraphQLSchema } from 'graphql';
import type { HubContext } from './context';
import { checkCost, costEstimator, type ListSize } from './cost';
import { asksForIntrospection, disclosureFor, refuseIntrospection, withoutDisclosures } from './disclosure';
import { checkInputs } from './input-limits';

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
 * trimmed to what the caller may learn (disclosure.ts).
 */
export function requestGuard(opts: GuardOptions): ApolloServerPlugin<HubContext> {
  const estimator = costEstimator(opts.listSizes);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!disclosureFor(contextValue.caller, opts.development).schema && asksForIntrospection(document)) refuseIntrospection();
          if (!operation) return; // Apollo refuses a document without the operation asked for
          const variables = request.variables ?? {};
          const coerced = getVariableValues(opts.schema, operation.variableDefinitions ?? [], variables);
          // Variables that do not fit their types are refused by execution, naming them.
          if (coerced.errors) return;
          checkInputs({ schema: opts.schema, document, operation, variables: coerced.coerced, maxLength: opts.maxStringLength });
          checkCost({ schema: opts.schema, document, operationName: request.operationName, variables, estimator, maxCost: opts.maxCost });
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          const disclosure = disclosureFor(contextValue?.caller ?? null, opts.development);
          response.body.singleResult.errors = withoutDisclosures(response.body.singleResult.errors, disclosure);
        },
      };
    },
  };
}
