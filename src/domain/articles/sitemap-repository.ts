import type { Executor } from '#src/db/database.ts';
import { publishedScope } from './published-article-repository.ts';

/** An article as a sitemap lists it: where it lives, when it changed, its lead image. */
export type SitemapArticle = {
  id: number;
  /** BCP 47 code of the article's language. */
  language: string;
  slug: string;
  /** The section's slug in the article's language. */
  sectionSlug: string;
  title: string;
  publishedAt: string;
  updatedAt: string;
  /** The lead image's file and this use's caption (or the library's), if the article has one. */
  image: { fileKey: string; caption: string } | null;
};

function articleRows(db: Executor, now: string) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('term_translations', (join) =>
      join.on('term_translations.kind', '=', 'section').onRef('term_translations.term_id', '=', 'sections.id').onRef('term_translations.language', '=', 'articles.language'),
    )
    .leftJoin('media', 'media.id', 'articles.lead_media_id')
    .select((eb) => [
      'articles.id',
      'articles.language',
      'articles.slug',
      'articles.title',
      'articles.published_at',
      'articles.updated_at',
      'articles.lead_caption',
      // The section's address in the article's language: its translation's slug where it has one.
      eb.fn.coalesce('term_translations.slug', 'sections.slug').as('section_slug'),
      'media.file_key',
      'media.caption as media_caption',
    ])
    .where(publishedScope(now));
}

type ArticleRow = Awaited<ReturnType<ReturnType<typeof articleRows>['execute']>>[number];

function toSitemapArticle(row: ArticleRow): SitemapArticle {
  return {
    id: row.id,
    language: row.language,
    slug: row.slug,
    sectionSlug: row.section_slug,
    title: row.title,
    publishedAt: row.published_at!,
    updatedAt: row.updated_at,
    image: row.file_key ? { fileKey: row.file_key, caption: row.lead_caption || row.media_caption || '' } : null,
  };
}

/** When the oldest published article came out, or undefined for an empty site. */
export async function firstPublishedAt(db: Executor, now: string): Promise<string | undefined> {
  const row = await db.selectFrom('articles').select('published_at').where(publishedScope(now)).orderBy('published_at').limit(1).executeTakeFirst();
  return row?.published_at ?? undefined;
}

/** How many articles came out in [from, to): one range of the (status, published_at) index. */
export async function countPublishedBetween(db: Executor, from: string, to: string, now: string): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where(publishedScope(now))
    .where('published_at', '>=', from)
    .where('published_at', '<', to)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The articles that came out in [from, to), oldest first, `limit` from `offset`. */
export async function listPublishedBetween(db: Executor, from: string, to: string, page: { limit: number; offset: number }, now: string): Promise<SitemapArticle[]> {
  const rows = await articleRows(db, now)
    .where('articles.published_at', '>=', from)
    .where('articles.published_at', '<', to)
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toSitemapArticle);
}

/** The newest articles published since `since`, newest first: the news sitemap's entries. */
export async function listPublishedSince(db: Executor, since: string, limit: number, now: string): Promise<SitemapArticle[]> {
  const rows = await articleRows(db, now).where('articles.published_at', '>=', since).orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
  return rows.map(toSitemapArticle);
}

/** A tag or author with published articles in a language, its slug there, and when the newest of them came out. */
export type SitemapTerm = { language: string; slug: string; lastPublishedAt: string };

/**
 * Tags or authors that list at least one published article, once per language they have articles
 * in, with their slug in that language (an empty list page is not worth indexing).
 */
export async function listTermsWithArticles(db: Executor, kind: 'tag' | 'author', now: string): Promise<SitemapTerm[]> {
  // Two spelled-out queries rather than one over a table name: Kysely types each join exactly.
  const rows =
    kind === 'tag'
      ? await db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .leftJoin('term_translations', (join) =>
            join.on('term_translations.kind', '=', 'tag').onRef('term_translations.term_id', '=', 'tags.id').onRef('term_translations.language', '=', 'article_tags.language'),
          )
          .select((eb) => ['article_tags.language', eb.fn.coalesce('term_translations.slug', 'tags.slug').as('slug'), eb.fn.max('article_tags.published_at').as('last')])
          .where('article_tags.status', '=', 'published')
          .where('article_tags.published_at', '<=', now)
          .groupBy(['article_tags.language', 'tags.id', 'tags.slug', 'term_translations.slug'])
          .orderBy('article_tags.language')
          .orderBy('slug')
          .execute()
      : await db
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .leftJoin('term_translations', (join) =>
            join.on('term_translations.kind', '=', 'author').onRef('term_translations.term_id', '=', 'authors.id').onRef('term_translations.language', '=', 'article_authors.language'),
          )
          .select((eb) => ['article_authors.language', eb.fn.coalesce('term_translations.slug', 'authors.slug').as('slug'), eb.fn.max('article_authors.published_at').as('last')])
          .where('article_authors.status', '=', 'published')
          .where('article_authors.published_at', '<=', now)
          .groupBy(['article_authors.language', 'authors.id', 'authors.slug', 'term_translations.slug'])
          .orderBy('article_authors.language')
          .orderBy('slug')
          .execute();
  return rows.map((r) => ({ language: r.language, slug: r.slug, lastPublishedAt: String(r.last) }));
}
