import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { keyFromHeaders } from '../auth/api-key';
import fastifyCookie from '@fastify/cookie';
import { dashboardPages } from '../dashboards/pages';
import { SESSION_COOKIE, sessionRoutes } from '../dashboards/session.routes';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import { DomainError } from '../errors/domain-errors';
import type { HubContext } from '../graphql/context';
import { formatError } from '../graphql/error-mapping';
import { createLoaders } from '../graphql/loaders';
import { hubSchema } from '../graphql/schema';
import { pushRoutes } from '../ingestion/push.routes';
import { tokenLimitExceeded } from '../graphql/token-limit';
import type { Services } from './services';

export interface AppDeps {
  config: Pick<Config, 'production' | 'graphqlLimits' | 'dashboardSessionHours'>;
  database: Database;
  services: Services;
  log: Logger;
}

/**
 * The hub's HTTP server: GraphQL at /graphql, health at /healthz and /readyz. Fastify
 * rather than Apollo's standalone server, because the push endpoint and the dashboards
 * of later issues live on the same server.
 */
export async function createApp({ config, database, services, log }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger });
  await app.register(fastifyCookie);

  const armor = new ApolloArmor({
    maxDepth: { n: config.graphqlLimits.maxDepth },
    maxAliases: { n: config.graphqlLimits.maxAliases },
    maxTokens: { enabled: false }, // see token-limit.ts
    costLimit: { maxCost: config.graphqlLimits.maxCost },
    maxDirectives: { n: 20 },
    // Field suggestions ("did you mean …") let anyone map a schema with introspection off.
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();

  const apollo = new ApolloServer<HubContext>({
    schema: await hubSchema(),
    plugins: [...protection.plugins, fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled()],
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatError(log, config.production),
  });
  await apollo.start();

  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/graphql')) return;
    const source = request.method === 'GET' ? (request.query as { query?: unknown }).query : (request.body as { query?: unknown } | null)?.query;
    const refusal = tokenLimitExceeded(source, config.graphqlLimits.maxTokens);
    if (refusal) return reply.code(400).send({ errors: [{ message: refusal, extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  });

  await app.register(fastifyApollo(apollo), {
    context: async (request): Promise<HubContext> => {
      try {
        // An API key in the Authorization header, or else a dashboard session cookie.
        const key = keyFromHeaders(request.headers);
        const session = request.cookies[SESSION_COOKIE];
        const caller = key === undefined && session ? await services.dashboardSessions.caller(session) : await services.apiKeys.authenticate(key);
        return { caller, services, loaders: createLoaders(database.db) };
      } catch (error) {
        if (error instanceof DomainError) {
          throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
        }
        throw error;
      }
    },
  });

  await pushRoutes(app, services);
  await sessionRoutes(app, services, { secure: config.production, hours: config.dashboardSessionHours });
  await dashboardPages(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await database.pool.query('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'Postgres does not answer' });
    }
  });
  app.get('/', async () => ({ service: 'public resource trading data hub', graphql: '/graphql', health: ['/healthz', '/readyz'] }));
  return app;
}
