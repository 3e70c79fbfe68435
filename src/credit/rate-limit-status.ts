import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

const limited = (e: GraphQLFormattedError) => e.extensions?.code === 'RATE_LIMITED' && e.path?.length === 1;

/**
 * Rate limits are per call (docs/credit-api.md): a refused aliased lookup is one null field
 * with RATE_LIMITED beside answered ones, and the response is a 200. When every top-level
 * field was refused, nothing was answered, so the response is HTTP 429 with Retry-After (the
 * longest wait among the refusals), which HTTP clients and gateways retry by themselves.
 */
export const rateLimitStatus: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        const refusals = (errors ?? []).filter(limited);
        if (!data || refusals.length === 0) return;
        const fields = Object.keys(data);
        const refused = new Set(refusals.map((e) => e.path![0]));
        if (fields.length === 0 || !fields.every((f) => data[f] === null && refused.has(f))) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(Math.max(...refusals.map((e) => Number(e.extensions?.retryAfterSeconds) || 1))));
      },
    };
  },
};
