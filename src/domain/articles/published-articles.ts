import type { Executor } from '#src/db/database.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { figureMediaIds } from './article-body.ts';
import {
  countPublishedArticles,
  findArticlePageById,
  findPublishedArticlePage,
  listPublishedArticles,
  type ArticleCardRecord,
  type ArticlePageRecord,
  type PublishedListFilter,
} from './published-article-repository.ts';

export type { ArticleCardRecord, ArticlePageRecord, PublishedListFilter };

/** An article page's record and the library images it shows (lead and figures). */
export type PublishedArticle = { article: ArticlePageRecord; media: Map<number, MediaView> };

/**
 * The one read path of published content: what readers may see, as of the moment of asking. Pages,
 * feeds (and the Content API, sitemaps and search to come) read through here, never through a
 * repository, so "published and visible" has one meaning: status published and published_at
 * reached (publishedScope in published-article-repository.ts).
 */
export function createPublishedArticles(db: Executor, now: () => string = nowIso) {
  /** The lead and figure images of an article page. */
  async function withMedia(article: ArticlePageRecord): Promise<PublishedArticle> {
    const ids = [...(article.leadMediaId !== null ? [article.leadMediaId] : []), ...figureMediaIds(article.body)];
    return { article, media: await findMediaByIds(db, ids) };
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

    /** Where a public path that no longer answers has moved (its article or list was renamed), if anywhere. */
    movedTo(path: string): Promise<string | undefined> {
      return findRedirect(db, path);
    },
  };
}

/** The published read model over one database. */
export type PublishedArticles = ReturnType<typeof createPublishedArticles>;
