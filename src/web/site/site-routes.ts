import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';
import { registerHomePage } from './routes/home-page.tsx';
import { registerListPages } from './routes/list-pages.tsx';
import { registerArticlePage } from './routes/article-page.tsx';
import { registerFavicon } from './routes/favicon.ts';
import { registerFeedRoutes } from './feeds/feed-routes.ts';
import { registerSitemapRoutes } from './sitemaps/sitemap-routes.ts';
import { registerViewBeacon } from './routes/view-beacon.ts';
import { registerLanguageSuggestion } from './routes/language-suggestion.ts';
import { registerSearchPage } from './routes/search-page.tsx';
import { LANGUAGE_MOUNTS } from './language-routing.ts';
import { registerLicenceRequestPages } from './routes/licence-request-page.tsx';

export { renderSiteErrorPage } from './routes/error-page.tsx';

/**
 * The public site's pages and feed: every one reads published content through the one read
 * model and answers through the page cache the app was assembled with (src/app.ts).
 */
export async function registerSiteRoutes(app: FastifyInstance, context: AppContext, cache: PageCache, readerViews: ReaderViews): Promise<void> {
  const published = createPublishedArticles(context);
  registerFavicon(app);
  registerSitemapRoutes(app, context, cache);
  registerViewBeacon(app, readerViews);
  registerLanguageSuggestion(app, published);
  await registerLicenceRequestPages(app, context, published);
  // Every page type exists in every language: the default's at the root, the others under their prefix.
  for (const mount of LANGUAGE_MOUNTS) {
    registerFeedRoutes(app, context, cache, published, mount);
    registerHomePage(app, context, cache, published, mount, readerViews);
    registerListPages(app, context, cache, published, mount);
    registerArticlePage(app, context, cache, published, mount, readerViews);
    registerSearchPage(app, context, published, mount);
  }
}
