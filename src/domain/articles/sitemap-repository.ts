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

/**
 * Published articles per UTC month before `month` ('YYYY-MM'), oldest first, months without any left
 * out: kept by triggers per month and language (migrations 0033, 0036), so it never counts articles.
 */
export async function listMonthCountsBefore(db: Executor, month: string): Promise<Array<{ month: string; count: number }>> {
  const rows = await db
    .selectFrom('article_month_counts')
    .select((eb) => ['month', eb.fn.sum<number>('total').as('total')])
    .where('month', '<', month)
    .groupBy('month')
    .having((eb) => eb.fn.sum('total'), '>', 0)
    .orderBy('month')
    .execute();
  return rows.map((r) => ({ month: r.month, count: Number(r.total) }));
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

/** Whether any article came out in [since, now]: one seek of the (status, published_at) index. */
export async function hasPublishedSince(db: Executor, since: string, now: string): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where(publishedScope(now)).where('published_at', '>=', since).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A tag or author with published articles in a language, its slug there, and when the newest of them came out. */
export type SitemapTerm = { language: string; slug: string; lastPublishedAt: string };

/** The languages with published articles, from the counts kept with the articles (migration 0028): a few rows. */
function publishedLanguages(db: Executor) {
  return db.selectFrom('article_counts').select('language').where('status', '=', 'published').where('total', '>', 0).distinct().as('languages');
}

/**
 * Tags or authors that list at least one published article, once per language they have articles
 * in, with their slug in that language (an empty list page is not worth indexing). Each term and
 * language asks its list index (term, language, status, published_at) for its newest due article,
 * one seek each, rather than grouping every published link: at 100,000 articles that grouping
 * read ~180,000 tag links per request (2.4 s on an unanalysed PostgreSQL).
 */
export async function listTermsWithArticles(db: Executor, kind: 'tag' | 'author', now: string): Promise<SitemapTerm[]> {
  // Two spelled-out queries rather than one over a table name: Kysely types each join exactly.
  const rows =
    kind === 'tag'
      ? await db
          .selectFrom('tags')
          .innerJoin(publishedLanguages(db), (join) => join.onTrue())
          .leftJoin('term_translations', (join) =>
            join.on('term_translations.kind', '=', 'tag').onRef('term_translations.term_id', '=', 'tags.id').onRef('term_translations.language', '=', 'languages.language'),
          )
          .select((eb) => [
            'languages.language',
            eb.fn.coalesce('term_translations.slug', 'tags.slug').as('slug'),
            eb
              .selectFrom('article_tags')
              .select((link) => link.fn.max('article_tags.published_at').as('last'))
              .whereRef('article_tags.tag_id', '=', 'tags.id')
              .whereRef('article_tags.language', '=', 'languages.language')
              .where('article_tags.status', '=', 'published')
              .where('article_tags.published_at', '<=', now)
              .as('last'),
          ])
          .execute()
      : await db
          .selectFrom('authors')
          .innerJoin(publishedLanguages(db), (join) => join.onTrue())
          .leftJoin('term_translations', (join) =>
            join.on('term_translations.kind', '=', 'author').onRef('term_translations.term_id', '=', 'authors.id').onRef('term_translations.language', '=', 'languages.language'),
          )
          .select((eb) => [
            'languages.language',
            eb.fn.coalesce('term_translations.slug', 'authors.slug').as('slug'),
            eb
              .selectFrom('article_authors')
              .select((link) => link.fn.max('article_authors.published_at').as('last'))
              .whereRef('article_authors.author_id', '=', 'authors.id')
              .whereRef('article_authors.language', '=', 'languages.language')
              .where('article_authors.status', '=', 'published')
              .where('article_authors.published_at', '<=', now)
              .as('last'),
          ])
          .execute();
  return rows
    .filter((r) => r.last !== null)
    .map((r) => ({ language: r.language, slug: r.slug, lastPublishedAt: String(r.last) }))
    .sort((a, b) => (a.language < b.language ? -1 : a.language > b.language ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
