import type { AppContext } from '#src/app-context.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import { findAuthorBySlug, type Author } from '#src/domain/people/author-repository.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { findSectionBySlug, listSections, type Section } from '#src/domain/sections/section-repository.ts';
import { loadSettings, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { findTagBySlug, type Tag } from '#src/domain/tags/tag-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { articleMediaIds } from './article-body.ts';
import { findFeedEntryDetails, type FeedEntryDetails } from './feed-entry-repository.ts';
import {
  countPublishedArticles,
  findArticlePageById,
  findPublishedArticlePage,
  listPublishedArticles,
  type ArticleCardRecord,
  type ArticlePageRecord,
  type PublishedListFilter,
} from './published-article-repository.ts';

export type { ArticleCardRecord, ArticlePageRecord, FeedEntryDetails, PublishedListFilter };

/** An article page's record and the library images it shows (lead and figures). */
export type PublishedArticle = { article: ArticlePageRecord; media: Map<number, MediaView> };

/** What every public page's header and footer show: the site settings, its sections, the logo image. */
export type SiteChromeData = { settings: SiteSettings; sections: Section[]; logo: MediaView | null };

/**
 * The one read path of published content: what readers may see, as of the moment of asking. Pages,
 * feeds (and the Content API, sitemaps and search to come) read through here, never through a
 * repository, so "published and visible" has one meaning: status published and published_at
 * reached (publishedScope in published-article-repository.ts). The site's chrome and the subjects of
 * its lists (section, tag, author by slug) are read here too: one place says what readers can see.
 */
export function createPublishedArticles(context: Pick<AppContext, 'database'>, now: () => string = nowIso) {
  const db = context.database.db;

  /** The lead and figure images of an article page. */
  async function withMedia(article: ArticlePageRecord): Promise<PublishedArticle> {
    return { article, media: await findMediaByIds(db, articleMediaIds(article)) };
  }

  return {
    /** The article at /sectionSlug/slug if readers may see it now. */
    async findArticle(sectionSlug: string, slug: string): Promise<PublishedArticle | undefined> {
      const article = await findPublishedArticlePage(db, sectionSlug, slug, now());
      return article ? withMedia(article) : undefined;
    },

    /** Any article's page whatever its state, for the newsroom preview (the caller has asked the article policy). */
    async findForPreview(id: number): Promise<PublishedArticle | undefined> {
      const article = await findArticlePageById(db, id);
      return article ? withMedia(article) : undefined;
    },

    /** Published articles of a list, newest first: `limit` from `offset`. */
    list(filter: PublishedListFilter, page: { limit: number; offset: number }): Promise<ArticleCardRecord[]> {
      return listPublishedArticles(db, filter, page, now());
    },

    /** How many published articles a list has. */
    count(filter: PublishedListFilter): Promise<number> {
      return countPublishedArticles(db, filter, now());
    },

    /** The lead images of some cards, by media id. */
    leadMedia(cards: readonly ArticleCardRecord[]): Promise<Map<number, MediaView>> {
      return findMediaByIds(db, cards.flatMap((c) => (c.leadMediaId !== null ? [c.leadMediaId] : [])));
    },

    /** What feed items carry beyond their cards (credits, tags, last change, body), by article id. */
    feedDetails(cards: readonly ArticleCardRecord[]): Promise<Map<number, FeedEntryDetails>> {
      return findFeedEntryDetails(db, cards.map((c) => c.id));
    },

    /** The site settings, its sections and the logo (when one is set and still in the library). */
    async siteChrome(): Promise<SiteChromeData> {
      const [settings, sections] = await Promise.all([loadSettings(db), listSections(db)]);
      const logo = settings.logoMediaId !== null ? ((await findMediaByIds(db, [settings.logoMediaId])).get(settings.logoMediaId) ?? null) : null;
      return { settings, sections, logo };
    },

    /** The section a list page at /slug shows, if there is one. */
    sectionBySlug(slug: string): Promise<Section | undefined> {
      return findSectionBySlug(db, slug);
    },

    /** The tag a list page at /tag/slug shows, if there is one. */
    tagBySlug(slug: string): Promise<Tag | undefined> {
      return findTagBySlug(db, slug);
    },

    /** The author a list page at /author/slug shows, if there is one. */
    authorBySlug(slug: string): Promise<Author | undefined> {
      return findAuthorBySlug(db, slug);
    },

    /** Where a public path that no longer answers has moved (its article or list was renamed), if anywhere. */
    movedTo(path: string): Promise<string | undefined> {
      return findRedirect(db, path);
    },
  };
}

/** The published read model over one database. */
export type PublishedArticles = ReturnType<typeof createPublishedArticles>;
