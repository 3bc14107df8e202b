import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { PageCache } from '#src/cache/page-cache.ts';
import { registerCacheInvalidation } from '#src/cache/cache-invalidation.ts';
import { registerHomePage } from './routes/home-page.tsx';
import { registerListPages } from './routes/list-pages.tsx';
import { registerArticlePage } from './routes/article-page.tsx';
import { registerFavicon } from './routes/favicon.ts';
import { registerRssFeed } from './routes/rss-feed.ts';

export { renderSiteErrorPage } from './routes/error-page.tsx';

/** The public site's pages, sharing one page cache that domain events invalidate. */
export async function registerSiteRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const cache = new PageCache(context.config.pageCacheBytes);
  registerCacheInvalidation(context.events, cache);
  registerFavicon(app);
  registerRssFeed(app, context, cache);
  registerHomePage(app, context, cache);
  registerListPages(app, context, cache);
  registerArticlePage(app, context, cache);
}
