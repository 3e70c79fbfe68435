import { ApolloServer, HeaderMap } from '@apollo/server';
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
import type { Config, TrustProxy } from '../config/config';
import { isAcquireTimeout, isDatabaseUnavailable, type Database } from '../db/database';
import { DomainError } from '../errors/domain-errors';
import type { HubContext } from '../graphql/context';
import { formatError } from '../graphql/error-mapping';
import { createLoaders } from '../graphql/loaders';
import { hubSchema } from '../graphql/schema';
import { ocdsExportRoutes } from '../ocds/export/export.routes';
import { pushRoutes } from '../ingestion/push.routes';
import { tokenLimitExceeded } from '../graphql/token-limit';
import { costBasisOf, listSizes } from '../graphql/cost';
import { requestGuard } from '../graphql/request-guard';
import { responseCeiling } from '../graphql/response-limit';
import { securityHeaders } from './security-headers';
import { maskResponses } from './mask-responses';
import { rateLimitStatus } from '../credit/rate-limit-status';
import { DATABASE_RETRY_SECONDS, DATABASE_UNAVAILABLE_MESSAGE, httpErrorHandler } from './http-errors';
import { DebugRequestLog } from './request-log';
import type { Services } from './services';

export interface AppDeps {
  config: Pick<Config, 'development' | 'graphqlLimits' | 'pageSize' | 'dashboardSessionHours'> &
    Partial<Pick<Config, 'dashboardSignInPerMinute' | 'trustProxy' | 'rateLimitScope'>>;
  database: Database;
  services: Services;
  log: Logger;
}

/** A hop count as Fastify's typings accept it (its runtime takes the number too). */
const fastifyTrustProxy = (trust: TrustProxy) => (typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust);

/**
 * The hub's HTTP server: GraphQL at /graphql, health at /healthz and /readyz. Fastify
 * rather than Apollo's standalone server, because the push endpoint and the dashboards
 * of later issues live on the same server.
 */
export async function createApp({ config, database, services, log }: AppDeps): Promise<FastifyInstance> {
  // trustProxy decides whose X-Forwarded-For/-Proto set request.ip and request.protocol
  // (the sign-in limit's client address, the Secure cookie, HSTS); off unless configured.
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new DebugRequestLog(), trustProxy: fastifyTrustProxy(config.trustProxy ?? false) });
  // Set before any route, so every route (and plugin scope) inherits it.
  app.setErrorHandler(httpErrorHandler);
  // Every body leaves through here with its ID numbers masked (mask-responses.ts).
  maskResponses(app);
  await securityHeaders(app);
  await app.register(fastifyCookie);

  const armor = new ApolloArmor({
    maxDepth: { n: config.graphqlLimits.maxDepth },
    maxAliases: { n: config.graphqlLimits.maxAliases },
    maxTokens: { enabled: false }, // see token-limit.ts
    // Armor's cost grows with depth, not list sizes: the cost that follows them is in requestGuard.
    costLimit: { enabled: false },
    maxDirectives: { n: 20 },
    // Field suggestions are trimmed per caller in requestGuard (disclosure.ts).
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const schema = await hubSchema();
  const guard = requestGuard({
    schema,
    listSizes: listSizes(costBasisOf(services.reference.registry, config.pageSize)),
    maxCost: config.graphqlLimits.maxCost,
    maxStringLength: config.graphqlLimits.maxStringLength,
    development: config.development,
  });

  const apollo = new ApolloServer<HubContext>({
    schema,
    plugins: [...protection.plugins, guard, rateLimitStatus, fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled()],
    validationRules: protection.validationRules,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Introspection is decided per caller in requestGuard. Stack traces name server files and
    // help no caller: unexpected errors are logged in full instead (error-mapping.ts).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: formatError(log, true),
  });
  await apollo.start();
  responseCeiling(app, config.graphqlLimits.maxResponseBytes);

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
        // No key can be checked without Postgres: a busy or unreachable database is 503 with
        // Retry-After, as on the other routes, not an internal error.
        if (isDatabaseUnavailable(error)) {
          throw new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
            extensions: {
              code: 'DATABASE_UNAVAILABLE',
              retryAfterSeconds: DATABASE_RETRY_SECONDS,
              http: { status: 503, headers: new HeaderMap([['retry-after', String(DATABASE_RETRY_SECONDS)]]) },
            },
          });
        }
        throw error;
      }
    },
  });

  await pushRoutes(app, services);
  await ocdsExportRoutes(app, services);
  await sessionRoutes(app, services, database, {
    hours: config.dashboardSessionHours,
    signInPerMinute: config.dashboardSignInPerMinute ?? 10,
    rateLimitScope: config.rateLimitScope ?? 'hub',
  });
  await dashboardPages(app);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    // Part uploads have a pool of their own, so this answers while they stream; with the
    // API's pool exhausted past the acquire timeout it says so instead of waiting.
    try {
      await database.pool.query('select 1');
      return { status: 'ready' };
    } catch (error) {
      const reason = isAcquireTimeout(error) ? 'no Postgres connection came free in time' : 'Postgres does not answer';
      return reply.code(503).send({ status: 'unavailable', reason, uploadsInFlight: services.batches.uploads.inFlight });
    }
  });
  app.get('/', async () => ({ service: 'public resource trading data hub', graphql: '/graphql', health: ['/healthz', '/readyz'] }));
  return app;
}
