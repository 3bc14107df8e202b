import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG } from '#src/cache/cache-invalidation.ts';
import { articlePath } from '#src/domain/articles/article-presenter.ts';
import { listPublishedArticles, type ArticleCardRecord } from '#src/domain/articles/article-repository.ts';
import type { SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { escapeXml, toRfc822 } from '#src/render/xml.ts';
import { respondWithPage } from '../page-response.ts';
import { loadSiteChrome } from '../site-chrome.ts';

/** Items in the feed: a day's news of a national portal. */
const FEED_ITEMS = 30;

function feedItem(card: ArticleCardRecord, baseUrl: string): string {
  const link = `${baseUrl}${articlePath({ sectionSlug: card.section.slug, slug: card.slug })}`;
  return [
    '<item>',
    `<title>${escapeXml(card.title)}</title>`,
    `<link>${escapeXml(link)}</link>`,
    // The id, not the URL, identifies the story: a changed slug must not look like a new item.
    `<guid isPermaLink="false">${escapeXml(`${baseUrl}/#article-${card.id}`)}</guid>`,
    `<pubDate>${toRfc822(card.publishedAt)}</pubDate>`,
    `<category>${escapeXml(card.section.name)}</category>`,
    `<description>${escapeXml(card.standfirst)}</description>`,
    '</item>',
  ].join('');
}

/**
 * The RSS 2.0 document. Items carry the standfirst and a link, never the full body: the
 * republication policy lets others reuse only a share of an article, with a link to it.
 */
function renderFeed(settings: SiteSettings, cards: ArticleCardRecord[], baseUrl: string): string {
  const self = `${baseUrl}/feed.xml`;
  const newest = cards[0]?.publishedAt;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(settings.name)}</title>`,
    `<link>${escapeXml(`${baseUrl}/`)}</link>`,
    `<description>${escapeXml(settings.tagline || settings.name)}</description>`,
    '<language>en</language>',
    `<atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
    newest ? `<lastBuildDate>${toRfc822(newest)}</lastBuildDate>` : '',
    ...cards.map((card) => feedItem(card, baseUrl)),
    '</channel>',
    '</rss>',
  ].join('\n');
}

/** GET /feed.xml: the latest published articles as RSS 2.0, cached like the pages. */
export function registerRssFeed(app: FastifyInstance, context: AppContext, cache: PageCache): void {
  app.get('/feed.xml', async (request, reply) =>
    respondWithPage(request, reply, cache, '/feed.xml', async () => {
      const [{ chrome, tags }, cards] = await Promise.all([
        loadSiteChrome(context),
        listPublishedArticles(context.database.db, {}, { limit: FEED_ITEMS, offset: 0 }, nowIso()),
      ]);
      return {
        kind: 'page' as const,
        html: renderFeed(chrome.settings, cards, context.config.baseUrl),
        tags: [LISTS_TAG, 'feed', ...tags],
        contentType: 'application/rss+xml; charset=utf-8',
      };
    }),
  );
}
