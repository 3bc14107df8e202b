import type { Server } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { registerErrorHandler } from './middleware/error-handler.ts';
import { oldAddressLookup, registerOldQueryAddresses } from './site/routes/old-addresses.ts';
import { registerAuth } from './middleware/auth.ts';
import { computeSecurityHeaders, registerSecurityHeaders } from './middleware/security-headers.ts';
import { createCacheFront, placeCacheFront, placeFront } from './cache-front.ts';
import { createViewBeaconFront } from './view-beacon-front.ts';
import { registerHealthRoute } from './health-route.ts';
import { registerStaticFiles } from './static-files.ts';
import { registerSiteRoutes, renderSiteErrorPage } from './site/site-routes.ts';
import { registerNewsroomRoutes } from './newsroom/newsroom-routes.ts';
import { registerApiRoutes } from './api/api-routes.ts';
import { openApiDocumentHandler } from './api/openapi-document.ts';
import { capConnectionsPerClient, connectionTimeoutOptions } from './connection-limits.ts';

/** Builds the Fastify app: plugins, hooks and routes (the site's answering through `parts.pageCache`). No logic lives here. */
export async function buildServer(context: AppContext, parts: { pageCache: PageCache; readerViews: ReaderViews }): Promise<FastifyInstance> {
  const options: FastifyHttpOptions<Server> & { loggerInstance: FastifyBaseLogger } = {
    loggerInstance: context.logger as FastifyBaseLogger,
    // Per-request log lines only when debugging: at thousands of requests a second they cost more than the page.
    logController: new LogController({
      disableRequestLogging: context.config.logLevel !== 'debug' && context.config.logLevel !== 'trace',
    }),
    // Believing X-Forwarded-For from anyone would let a client pick its own address for the sign-in limit.
    trustProxy: context.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ...connectionTimeoutOptions(context.config),
  };
  const app: FastifyInstance = Fastify(options);
  capConnectionsPerClient(app.server, context.config);
  // Cached pages are answered before routing, unless every request must reach the request log.
  const logsRequests = context.config.logLevel === 'debug' || context.config.logLevel === 'trace';
  // Beacons too: behind a CDN one follows every article view, and counting it is a Map increment
  // (bench/views.ts). Otherwise the cache front counts the page request itself (ADR 0073).
  if (!logsRequests) placeFront(app, createViewBeaconFront(parts.readerViews, computeSecurityHeaders()));
  // Placed last, the cache front is asked first: most requests are cached pages.
  if (context.config.pageCacheBytes > 0 && !logsRequests) placeCacheFront(app, createCacheFront(parts.pageCache, computeSecurityHeaders(), parts.readerViews));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before any route: it keeps each one for the document, built at its first request.
  const openApiDocument = openApiDocumentHandler(app);
  await app.register(cookie);
  await app.register(formbody);
  await registerSecurityHeaders(app, context);
  registerErrorHandler(app, renderSiteErrorPage(context), oldAddressLookup(context));
  registerOldQueryAddresses(app, context);
  await registerAuth(app, context);
  await registerHealthRoute(app, context);
  await registerStaticFiles(app, context);
  await registerApiRoutes(app, context);
  await registerNewsroomRoutes(app, context);
  await registerSiteRoutes(app, context, parts.pageCache, parts.readerViews);
  app.get('/api/openapi.json', { schema: { hide: true } }, openApiDocument);
  return app;
}
