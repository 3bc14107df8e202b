import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG } from '#src/cache/cache-invalidation.ts';
import { articlePath, authorPath, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import type { PublishedArticles, PublishedListFilter } from '#src/domain/articles/published-articles.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { NotFound } from '#src/lib/errors.ts';
import { siteUrl } from '#src/lib/site-url.ts';
import { languageInfo } from '#src/i18n/languages.ts';
import type { PageResult } from '../page-response.ts';
import { mountedPath, respondInLanguage, type LanguageMount, type ResolvedLanguage } from '../language-routing.ts';
import { requireSlugParam } from '../page-params.ts';
import { reusePolicyNotice, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { loadSiteChrome, type SiteChromeResult } from '../site-chrome.ts';
import type { SiteChrome } from '../views/site-layout.tsx';
import { FEED_FORMATS, FEED_FORMAT_NAMES, feedPath, type FeedFormat } from '#src/domain/distribution/feed-paths.ts';
import { renderFeedDocument, type FeedChannel, type FeedContent } from './feed-document.tsx';

/** Items in a feed: a day's news of a national portal. */
export const FEED_ITEMS = 30;

/** What a feed follows, found from its URL; undefined when there is no such section, tag or author. */
type FeedSubject = { channel: Omit<FeedChannel, 'language' | 'languagePrefix'>; filter: Omit<PublishedListFilter, 'language'>; tag: string };

/**
 * How the settings (in the feed's language) have items carry the article: the full text followed by
 * the republication notice in that language, or the standfirst only.
 */
function feedContentOf(settings: SiteSettings): FeedContent {
  return settings.feedsFullText ? { fullText: true, notice: reusePolicyNotice(settings) } : { fullText: false };
}

/** Renders one feed of a subject: its newest items with their details and lead images, naming the settings' WebSub hub. */
async function renderFeed(
  context: AppContext,
  published: PublishedArticles,
  format: FeedFormat,
  subject: FeedSubject,
  { chrome, tags: chromeTags }: SiteChromeResult,
  resolved: ResolvedLanguage,
): Promise<PageResult> {
  const baseUrl = context.config.baseUrl;
  const { lang } = resolved;
  const { settings } = chrome;
  const cards = await published.list({ ...subject.filter, language: resolved.content } as PublishedListFilter, { limit: FEED_ITEMS, offset: 0 });
  const [details, leads] = await Promise.all([published.feedDetails(cards, settings.feedsFullText), published.leadMedia(cards)]);
  // The full text places the bodies' figures too.
  const figures = settings.feedsFullText ? await published.media([...details.values()].flatMap((d) => (d.body ? figureMediaIds(d.body) : []))) : new Map<number, MediaView>();
  const media = new Map([...leads, ...figures]);
  const entries = cards.map((card) => ({
    card,
    details: details.get(card.id),
    lead: card.leadMediaId !== null ? media.get(card.leadMediaId) : undefined,
    link: siteUrl(baseUrl, lang.path(articlePath({ sectionSlug: card.section.slug, slug: card.slug }))),
  }));
  const newest = entries.reduce((at, e) => Math.max(at, Date.parse(e.details?.updatedAt ?? e.card.publishedAt)), 0);
  return {
    kind: 'page',
    html: renderFeedDocument(
      format,
      { ...subject.channel, pagePath: lang.path(subject.channel.pagePath), language: lang.code, languagePrefix: lang.pathPrefix, ...(settings.websubHubUrl ? { hubUrl: settings.websubHubUrl } : {}) },
      entries,
      media,
      feedContentOf(settings),
      baseUrl,
    ),
    tags: [LISTS_TAG, 'feed', subject.tag, ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags],
    contentType: FEED_FORMATS[format].contentType,
    ...(newest > 0 ? { lastModified: new Date(newest).toUTCString() } : {}),
  };
}

/**
 * The feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the whole site (/feed.xml, /atom.xml,
 * /feed.json) and of every section, tag and author (/economy/feed.xml, /tag/water/atom.xml, ...),
 * answered through the page cache like the pages they follow.
 */
export function registerFeedRoutes(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles, mount: LanguageMount): void {
  // Kazakh in Latin script is a way of showing pages; its readers' feeds are the Kazakh ones.
  if (mount.code && languageInfo(mount.code).script) return;

  /** Registers one URL pattern in every format; `find` names the subject from the URL's slug, in the feed's language. */
  function feedsOf<P extends Record<string, string> = Record<string, never>>(
    pattern: string,
    find: (params: P, chrome: SiteChrome, language: string) => Promise<FeedSubject | undefined>,
    what: string,
  ) {
    for (const format of FEED_FORMAT_NAMES) {
      app.get(mountedPath(mount, feedPath(pattern, format)), async (request, reply) => {
        const raw = request.params as Record<string, string>;
        const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, requireSlugParam(v)])) as P;
        const path = feedPath(pattern.replace(/:(\w+)/g, (_, name: string) => params[name]!), format);
        return respondInLanguage(request, reply, cache, published, mount, path, async (resolved) => {
          const chrome = await loadSiteChrome(published, resolved.content);
          const subject = await find(params, chrome.chrome, resolved.content);
          if (!subject) throw new NotFound(what);
          return renderFeed(context, published, format, subject, chrome, resolved);
        });
      });
    }
  }

  feedsOf('/', async (_params, { settings }) => ({ channel: { title: settings.name, description: settings.tagline, pagePath: '/' }, filter: {}, tag: 'home' }), 'The feed');

  feedsOf<{ sectionSlug: string }>(
    '/:sectionSlug',
    async ({ sectionSlug }, chrome, language) => {
      const section = await published.sectionBySlug(language, sectionSlug);
      if (!section) return undefined;
      const site = chrome.settings.name;
      return {
        channel: { title: `${section.name} | ${site}`, description: section.description, pagePath: sectionPath(section.slug) },
        filter: { sectionIds: sectionAndDescendants(chrome.sections, section.id) },
        tag: `section:${section.id}`,
      };
    },
    'The section',
  );

  feedsOf<{ slug: string }>(
    '/tag/:slug',
    async ({ slug }, { settings: { name: site } }, language) => {
      const tag = await published.tagBySlug(language, slug);
      return tag ? { channel: { title: `${tag.name} | ${site}`, description: '', pagePath: tagPath(tag.slug) }, filter: { tagId: tag.id }, tag: `tag:${tag.id}` } : undefined;
    },
    'The tag',
  );

  feedsOf<{ slug: string }>(
    '/author/:slug',
    async ({ slug }, { settings: { name: site } }, language) => {
      const author = await published.authorBySlug(language, slug);
      return author ? { channel: { title: `${author.name} | ${site}`, description: author.bio, pagePath: authorPath(author.slug) }, filter: { authorId: author.id }, tag: `author:${author.id}` } : undefined;
    },
    'The author',
  );
}
