import type { FastifyInstance } from 'fastify';
import { Feed } from 'feed';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG } from '#src/cache/cache-invalidation.ts';
import { articlePath } from '#src/domain/articles/public-paths.ts';
import type { ArticleCardRecord, PublishedArticles } from '#src/domain/articles/published-articles.ts';
import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { cleanText } from '#src/lib/text-input.ts';
import { respondWithPage } from '../page-response.ts';
import { loadSiteChrome } from '../site-chrome.ts';

/** Items in the feed: a day's news of a national portal. */
const FEED_ITEMS = 30;

// Text stored before the input rule may carry characters XML forbids (controls, lone surrogates,
// U+FFFE/U+FFFF), and one would make the whole feed invalid; the feed package escapes markup but
// leaves these in. The one input rule removes every one of them.
const xmlText = (text: string) => cleanText(text);

/**
 * The RSS 2.0 document. Items carry the standfirst and a link, never the full body: the
 * republication policy lets others reuse only a share of an article, with a link to it.
 */
function renderFeed(settings: SiteSettings, cards: ArticleCardRecord[], baseUrl: string): string {
  const newest = cards[0]?.publishedAt;
  const feed = new Feed({
    title: xmlText(settings.name),
    description: xmlText(settings.tagline || settings.name),
    id: `${baseUrl}/`,
    link: `${baseUrl}/`,
    language: 'en',
    generator: 'Qalam',
    feed: `${baseUrl}/feed.xml`,
    ...(newest ? { updated: new Date(newest) } : {}),
  });
  for (const card of cards) {
    feed.addItem({
      title: xmlText(card.title),
      link: `${baseUrl}${articlePath({ sectionSlug: card.section.slug, slug: card.slug })}`,
      // The id, not the URL, identifies the story: a changed slug must not look like a new item.
      id: `${baseUrl}/#article-${card.id}`,
      date: new Date(card.publishedAt),
      category: [{ name: xmlText(card.section.name) }],
      description: xmlText(card.standfirst),
    });
  }
  return feed.rss2();
}

/** GET /feed.xml: the latest published articles as RSS 2.0, cached like the pages. */
export function registerRssFeed(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles): void {
  app.get('/feed.xml', async (request, reply) =>
    respondWithPage(request, reply, cache, '/feed.xml', async () => {
      const language = await published.defaultLanguage();
      const [{ chrome, tags }, cards] = await Promise.all([loadSiteChrome(published, language), published.list({ language }, { limit: FEED_ITEMS, offset: 0 })]);
      return {
        kind: 'page' as const,
        html: renderFeed(chrome.settings, cards, context.config.baseUrl),
        tags: [LISTS_TAG, 'feed', ...tags],
        contentType: 'application/rss+xml; charset=utf-8',
      };
    }),
  );
}
