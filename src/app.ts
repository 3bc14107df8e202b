import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { MOST_READ_TAG, registerCacheInvalidation } from './cache/cache-invalidation.ts';
import { PageCache } from './cache/page-cache.ts';
import { startPostgresEventRelay, type EventRelay } from './db/postgres-event-relay.ts';
import { relayEventsThroughPrimary } from './lib/cluster-events.ts';
import { buildServer } from './web/server.ts';
import { sweepStaleUploads, uploadSpoolDir } from './domain/media/upload-spool.ts';
import { createReaderViews } from './domain/views/reader-views.ts';
import { startReaderViews } from './jobs/reader-views-schedule.ts';

/** Articles in the "Most read" block. */
const MOST_READ_COUNT = 5;

/** The assembled app: the HTTP server, and the relay to stop after it. */
export type AssembledApp = { app: FastifyInstance; relay: EventRelay };

/**
 * Starts relaying the context's domain events between the processes on one PostgreSQL database
 * (ADR 0014). On SQLite (an embedded, single-host database) the processes are the workers of one
 * `qalam serve`, and their primary passes the events on (ADR 0027); one process has none to tell.
 */
async function startEventRelay(context: AppContext): Promise<EventRelay> {
  if (context.config.database.kind === 'postgres') {
    return startPostgresEventRelay({ url: context.config.database.url, db: context.database.db, events: context.events, logger: context.logger });
  }
  if (cluster.isWorker) return relayEventsThroughPrimary(context.events, context.logger);
  return { stop: async () => {} };
}

/**
 * Assembles the app from its parts (ADR 0018): the page cache and its subscription to domain
 * events, the HTTP server answering through that cache, and the event relay that brings other
 * processes' events to the same subscription. The one place the parts meet; `qalam serve` and the
 * test server both start here.
 */
export async function assembleApp(context: AppContext): Promise<AssembledApp> {
  // A process killed mid-upload leaves its spooled file behind; the next start removes it.
  await sweepStaleUploads(uploadSpoolDir(context.config.dataDir));
  const pageCache = new PageCache(context.config.pageCacheBytes);
  registerCacheInvalidation(context.events, pageCache);
  // Webhooks, publish pings, CDN purges, notifications and reuse re-indexing are not listeners:
  // each change writes their jobs in its own transaction (the outbox set up with the context, ADR 0052).
  const { windowHours, flushMs, refreshMs } = context.config.mostRead;
  const readerViews = createReaderViews(context, { windowHours, limit: MOST_READ_COUNT });
  const stopReaderViews = startReaderViews(context, readerViews, { flushMs, refreshMs }, () => pageCache.invalidateTags([MOST_READ_TAG]));
  const app = await buildServer(context, { pageCache, readerViews });
  // Closing the server flushes the views this process counted and has not written yet.
  app.addHook('onClose', stopReaderViews);
  const relay = await startEventRelay(context);
  return { app, relay };
}
