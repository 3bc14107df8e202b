import { PostgresAdapter, sql, type Expression, type ExpressionBuilder } from 'kysely';
import { compiledOnce } from '#src/db/compiled-once.ts';
import type { Executor } from '#src/db/database.ts';
import type { ArticleStatus, Database } from '#src/db/schema.ts';
import { articleTextFromRow, storedBody, type ArticleText } from './article-text-row.ts';

/**
 * The public site's reads of articles: published pages and lists, in the readers' scope. Only the
 * published read model (published-articles.ts) and the newsroom preview call these. Sections,
 * tags, authors and places are named in the article's language: a term's translation
 * (term_translations) where it has one, its own name otherwise.
 */

/** A reference to a section, tag or author as pages link to it, named in the article's language. */
export type NamedRef = { id: number; name: string; slug: string };

/** An article with everything its public page shows, loaded in a handful of queries. */
export type ArticlePageRecord = ArticleText & {
  id: number;
  /** BCP 47 code of the article's language. */
  language: string;
  /** The original this article translates, or null for an original. */
  translationOfId: number | null;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  /** When the article came into this system (an import or the demo may bring it already published, dated earlier). */
  createdAt: string;
  readingMinutes: number;
  /** Words of the body (derived at write time). */
  wordCount: number;
  section: NamedRef;
  location: { city: string; country: string; timeZone: string } | null;
  authors: NamedRef[];
  tags: NamedRef[];
  corrections: Array<{ id: number; kind: 'correction' | 'update'; text: string; createdAt: string }>;
};

/** An article as a list shows it (home, section, tag and author pages). */
export type ArticleCardRecord = {
  id: number;
  /** BCP 47 code of the article's language. */
  language: string;
  /** The original this article translates, or null for an original. */
  translationOfId: number | null;
  slug: string;
  title: string;
  standfirst: string;
  leadMediaId: number | null;
  publishedAt: string;
  section: NamedRef;
  /** The location's zone, if the article has a location. */
  timeZone: string | null;
};

/** Another language's published version of an article, as a language switcher and hreflang links need it. */
export type TranslationRef = {
  id: number;
  language: string;
  /** The section's slug in that language. */
  sectionSlug: string;
  slug: string;
  title: string;
};

/**
 * The readers' scope: only published articles whose publication time has come. Every public
 * query ANDs this in; `now` is an ISO UTC instant (ISO strings compare in time order).
 */
export function publishedScope(now: string) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and([eb('articles.status', '=', 'published'), eb('articles.published_at', '<=', now)]);
}

const PAGE_COLUMNS = [
  'articles.id',
  'articles.language',
  'articles.translation_of_id',
  'articles.slug',
  'articles.title',
  'articles.standfirst',
  'articles.body',
  'articles.lead_media_id',
  'articles.lead_caption',
  'articles.lead_credit',
  'articles.source_attribution',
  'articles.seo_title',
  'articles.meta_description',
  'articles.social_title',
  'articles.social_description',
  'articles.social_media_id',
  'articles.status',
  'articles.published_at',
  'articles.updated_at',
  'articles.created_at',
  'articles.reading_minutes',
  'articles.word_count',
  'sections.id as section_id',
  'locations.time_zone as location_time_zone',
] as const;

/** An article row with its section and place, each named in the article's language. */
function pageQuery(db: Executor) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('term_translations as st', (join) =>
      join.onRef('st.term_id', '=', 'sections.id').on('st.kind', '=', 'section').onRef('st.language', '=', 'articles.language'),
    )
    .leftJoin('locations', 'locations.id', 'articles.location_id')
    .leftJoin('term_translations as lt', (join) =>
      join.onRef('lt.term_id', '=', 'locations.id').on('lt.kind', '=', 'location').onRef('lt.language', '=', 'articles.language'),
    )
    .select(PAGE_COLUMNS)
    .select((eb) => [
      eb.fn.coalesce('st.name', 'sections.name').as('section_name'),
      eb.fn.coalesce('st.slug', 'sections.slug').as('section_slug'),
      eb.fn.coalesce('lt.name', 'locations.city').as('location_city'),
      eb.fn.coalesce('lt.description', 'locations.country').as('location_country'),
    ]);
}

/** What an article page's refs are read by: values (a query of their own) or the page row's columns (PostgreSQL's single query). */
type RefsKeys = { id: Operand<number>; language: Operand<string>; originalId: Operand<number>; now: string };
type Operand<T> = T | Expression<T>;

/**
 * The bylines, tags and corrections of one article page and its other published language versions,
 * in one UNION ALL, names in the article's `language`. `originalId` is the translation group's
 * original (the article itself when it translates none); the group's members are read as readers
 * may see them at `now`. Every uncached article page reads them, and on PostgreSQL each query is a
 * round trip whose CPU outweighs what it returns.
 */
function pageRefs(db: Executor, { id, language, originalId, now }: RefsKeys) {
  // The published members of the translation group but the article itself, each with its section's
  // slug in its own language (aliased: on PostgreSQL this runs inside the page's query, whose row is `articles`).
  const members = db
    .selectFrom('articles as member')
    .innerJoin('sections', 'sections.id', 'member.section_id')
    .leftJoin('term_translations as st', (join) =>
      join.onRef('st.term_id', '=', 'sections.id').on('st.kind', '=', 'section').onRef('st.language', '=', 'member.language'),
    )
    .select((eb) => [
      sql<PageRefKind>`'translation'`.as('kind'),
      'member.id as position',
      'member.id as id',
      'member.title as text',
      'member.slug as detail',
      sql<string | null>`null`.as('created_at'),
      eb.ref('member.language').$castTo<string | null>().as('language'),
      eb.fn.coalesce('st.slug', 'sections.slug').$castTo<string | null>().as('section_slug'),
    ])
    .where('member.id', '!=', id)
    // publishedScope's rule, on the alias (publishedScope names the table `articles`).
    .where('member.status', '=', 'published')
    .where('member.published_at', '<=', now);
  return (
    db
      // Corrections first: their created_at gives the column its type (a timestamp on PostgreSQL), which the others' nulls take.
      // A correction's kind ('correction' or 'update') stands where a byline's slug does.
      .selectFrom('article_corrections')
      .select((eb) => [
        sql<PageRefKind>`'correction'`.as('kind'),
        'article_corrections.id as position',
        'article_corrections.id as id',
        'article_corrections.text as text',
        eb.ref('article_corrections.kind').$castTo<string>().as('detail'),
        eb.ref('article_corrections.created_at').$castTo<string | null>().as('created_at'),
        sql<string | null>`null`.as('language'),
        sql<string | null>`null`.as('section_slug'),
      ])
      .where('article_corrections.article_id', '=', id)
      .unionAll(
        db
          .selectFrom('article_authors')
          .innerJoin('authors', 'authors.id', 'article_authors.author_id')
          .leftJoin('term_translations as tt', (join) => join.onRef('tt.term_id', '=', 'authors.id').on('tt.kind', '=', 'author').on('tt.language', '=', language))
          .select((eb) => [
            sql<PageRefKind>`'author'`.as('kind'),
            'article_authors.position as position',
            'authors.id as id',
            eb.fn.coalesce('tt.name', 'authors.name').as('text'),
            eb.fn.coalesce('tt.slug', 'authors.slug').as('detail'),
            sql<string | null>`null`.as('created_at'),
            sql<string | null>`null`.as('language'),
            sql<string | null>`null`.as('section_slug'),
          ])
          .where('article_authors.article_id', '=', id),
      )
      .unionAll(
        db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .leftJoin('term_translations as tt', (join) => join.onRef('tt.term_id', '=', 'tags.id').on('tt.kind', '=', 'tag').on('tt.language', '=', language))
          .select((eb) => [
            sql<PageRefKind>`'tag'`.as('kind'),
            'article_tags.position as position',
            'tags.id as id',
            eb.fn.coalesce('tt.name', 'tags.name').as('text'),
            eb.fn.coalesce('tt.slug', 'tags.slug').as('detail'),
            sql<string | null>`null`.as('created_at'),
            sql<string | null>`null`.as('language'),
            sql<string | null>`null`.as('section_slug'),
          ])
          .where('article_tags.article_id', '=', id),
      )
      // The original by its key and its translations by theirs: written as one OR, SQLite (no
      // statistics) walked every published article by status instead, ~150 ms at 100,000 articles.
      // A translation's title stands in `text`, its slug in `detail`.
      .unionAll(members.where('member.id', '=', originalId))
      .unionAll(members.where('member.translation_of_id', '=', originalId))
  );
}

/** A row of pageRefs. */
type PageRefRow = { kind: PageRefKind; position: number; id: number; text: string; detail: string; created_at: string | null; language: string | null; section_slug: string | null };

/**
 * An article page's refs by its id, language and original, in a query of their own (SQLite's
 * article page, the preview); built and compiled once. A lookup by key: PostgreSQL keeps it
 * planned per connection (ADR 0064).
 */
const pageRefsQuery = compiledOnce(
  (db: Executor, _shape: '', keys: { id: number; language: string; originalId: number; now: string }) => pageRefs(db, keys),
  { prepared: true },
);

/** Which part of an article page a row of pageRefsQuery belongs to. */
type PageRefKind = 'author' | 'tag' | 'correction' | 'translation';

/** An article row of pageQuery. */
type PageRow = Awaited<ReturnType<ReturnType<typeof pageQuery>['executeTakeFirstOrThrow']>>;

/** An article page's record and its other published language versions (for the language switcher and hreflang), by language. */
export type ArticlePage = { article: ArticlePageRecord; translations: TranslationRef[] };

/** An article row and its refs, read by a query of their own. */
async function completePage(db: Executor, row: PageRow, now: string): Promise<ArticlePage> {
  return assemblePage(row, await pageRefsQuery(db, '', { id: row.id, language: row.language, originalId: row.translation_of_id ?? row.id, now }));
}

function assemblePage(row: PageRow, refs: PageRefRow[]): ArticlePage {
  const named = (kind: PageRefKind) =>
    refs
      .filter((r) => r.kind === kind)
      .sort((a, b) => a.position - b.position)
      .map((r) => ({ id: r.id, name: r.text, slug: r.detail }));
  // Corrections in the order they were made: by time, then id.
  const corrections = refs
    .filter((r) => r.kind === 'correction')
    .sort((a, b) => (a.created_at! < b.created_at! ? -1 : a.created_at! > b.created_at! ? 1 : a.id - b.id))
    .map((c) => ({ id: c.id, kind: c.detail as 'correction' | 'update', text: c.text, createdAt: c.created_at! }));
  const translations = refs
    .filter((r) => r.kind === 'translation')
    .sort((a, b) => (a.language! < b.language! ? -1 : a.language! > b.language! ? 1 : 0))
    .map((r) => ({ id: r.id, language: r.language!, sectionSlug: r.section_slug!, slug: r.detail, title: r.text }));
  const article: ArticlePageRecord = {
    id: row.id,
    language: row.language,
    translationOfId: row.translation_of_id,
    ...articleTextFromRow(row, storedBody),
    status: row.status,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    readingMinutes: row.reading_minutes,
    wordCount: row.word_count,
    section: { id: row.section_id, name: row.section_name, slug: row.section_slug },
    location:
      row.location_city !== null && row.location_country !== null && row.location_time_zone !== null
        ? { city: row.location_city, country: row.location_country, timeZone: row.location_time_zone }
        : null,
    authors: named('author'),
    tags: named('tag'),
    corrections,
  };
  return { article, translations };
}

/** The published article at (language, section, slug), the unique index of migration 0011; built and compiled once (SQLite's read). */
const publishedPageQuery = compiledOnce((db: Executor, _shape: '', p: { language: string; sectionId: number; slug: string; now: string }) =>
  pageQuery(db).where('articles.language', '=', p.language).where('articles.section_id', '=', p.sectionId).where('articles.slug', '=', p.slug).where(publishedScope(p.now)),
);

/**
 * PostgreSQL: publishedPageQuery with the page's refs as a JSON array in one more column, read by
 * the row's own columns: one round trip rather than two. A query is a round trip whose CPU (the
 * driver's messages, the socket, the server's per-statement work) outweighs what these two
 * return (ADR 0064); SQLite, in process, keeps the two queries: there one statement with the refs
 * as JSON cost as much as two (ADR 0076).
 */
const publishedPageWithRefsQuery = compiledOnce(
  (db: Executor, _shape: '', p: { language: string; sectionId: number; slug: string; now: string }) => {
    const refs = pageRefs(db, { id: sql.ref('articles.id'), language: sql.ref('articles.language'), originalId: sql<number>`coalesce("articles"."translation_of_id", "articles"."id")`, now: p.now });
    return pageQuery(db)
      .select(sql<PageRefRow[]>`(select coalesce(json_agg(r), '[]') from (${refs}) as r)`.as('refs'))
      .where('articles.language', '=', p.language)
      .where('articles.section_id', '=', p.sectionId)
      .where('articles.slug', '=', p.slug)
      .where(publishedScope(p.now));
  },
  { prepared: true },
);

/**
 * The published `language` article with `slug` in the section `sectionId`, as readers may see it
 * at `now`, or undefined (the caller found the section by its slug in that language).
 */
export async function findPublishedArticlePage(db: Executor, language: string, sectionId: number, slug: string, now: string): Promise<ArticlePage | undefined> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const [found] = await publishedPageWithRefsQuery(db, '', { language, sectionId, slug, now });
    if (!found) return undefined;
    const { refs, ...row } = found;
    // The driver reads a timestamptz column as an ISO instant (postgres-driver.ts); JSON carries PostgreSQL's own form.
    return assemblePage(row, refs.map((r) => (r.created_at === null ? r : { ...r, created_at: new Date(r.created_at).toISOString() })));
  }
  const [row] = await publishedPageQuery(db, '', { language, sectionId, slug, now });
  return row ? completePage(db, row, now) : undefined;
}

/** Any article's page data whatever its status (for the newsroom preview; callers apply policy), with its translations readers may see at `now`. */
export async function findArticlePageById(db: Executor, id: number, now: string): Promise<ArticlePage | undefined> {
  const row = await pageQuery(db).where('articles.id', '=', id).executeTakeFirst();
  return row ? completePage(db, row, now) : undefined;
}

/**
 * Which published articles a list shows: those of one language, all or of some sections (a section
 * and its subsections), a tag, an author, or what a partner's licences cover (the articles of some
 * sections and some articles by id, together: the syndication feed).
 */
export type PublishedListFilter = { language: string } & (
  | { sectionIds?: number[]; tagId?: never; authorId?: never; licensed?: never }
  | { tagId: number; sectionIds?: never; authorId?: never; licensed?: never }
  | { authorId: number; sectionIds?: never; tagId?: never; licensed?: never }
  | { licensed: { sectionIds: number[]; articleIds: number[] }; sectionIds?: never; tagId?: never; authorId?: never }
);

/** The link table a tag or author list reads (with the link's copy of each article's state), or none for a section's. */
function linkTableOf(filter: { tagId?: number; authorId?: number }) {
  if (filter.tagId !== undefined) return { table: 'article_tags' as const, key: 'tag_id' as const, id: filter.tagId };
  if (filter.authorId !== undefined) return { table: 'article_authors' as const, key: 'author_id' as const, id: filter.authorId };
  return undefined;
}

/**
 * The list's members as (id, published_at) rows, each from a single covering index, so a count or
 * a page however deep never reads an article row (whose later columns sit behind a body that
 * spills into overflow pages on SQLite). Tag and author lists read their link tables, which carry
 * a copy of each article's state and language (see syncListState); the language leads or follows
 * the key of every list index (migration 0011).
 */
function listMembers(db: Executor, filter: PublishedListFilter, now: string) {
  const link = linkTableOf(filter);
  if (link) {
    return db
      .selectFrom(link.table)
      .select(['article_id as id', 'published_at'])
      .where(link.key, '=', link.id)
      .where('language', '=', filter.language)
      .where('status', '=', 'published')
      .where('published_at', '<=', now);
  }
  const all = db.selectFrom('articles').select(['id', 'published_at']).where('language', '=', filter.language).where(publishedScope(now));
  if (filter.licensed !== undefined) {
    const { sectionIds, articleIds } = filter.licensed;
    return all.where((eb) =>
      eb.or([...(sectionIds.length > 0 ? [eb('section_id', 'in', sectionIds)] : []), ...(articleIds.length > 0 ? [eb('id', 'in', articleIds)] : [])]),
    );
  }
  return filter.sectionIds !== undefined ? all.where('section_id', 'in', filter.sectionIds) : all;
}

/** Article rows as cards: with the section named in the article's language and the place's zone. */
function cardQuery(db: Executor) {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('term_translations as st', (join) =>
      join.onRef('st.term_id', '=', 'sections.id').on('st.kind', '=', 'section').onRef('st.language', '=', 'articles.language'),
    )
    .leftJoin('locations', 'locations.id', 'articles.location_id')
    .select((eb) => [
      'articles.id',
      'articles.language',
      'articles.translation_of_id',
      'articles.slug',
      'articles.title',
      'articles.standfirst',
      'articles.lead_media_id',
      'articles.published_at',
      'sections.id as section_id',
      eb.fn.coalesce('st.name', 'sections.name').as('section_name'),
      eb.fn.coalesce('st.slug', 'sections.slug').as('section_slug'),
      'locations.time_zone as time_zone',
    ]);
}

function toCardRecord(r: Awaited<ReturnType<ReturnType<typeof cardQuery>['execute']>>[number]): ArticleCardRecord {
  return {
    id: r.id,
    language: r.language,
    translationOfId: r.translation_of_id,
    slug: r.slug,
    title: r.title,
    standfirst: r.standfirst,
    leadMediaId: r.lead_media_id,
    publishedAt: r.published_at!,
    section: { id: r.section_id, name: r.section_name, slug: r.section_slug },
    timeZone: r.time_zone,
  };
}

/** Which end of a list its index is walked from: newest first (published_at, then id, descending) or oldest first. */
type ListEnd = 'newest' | 'oldest';

/**
 * The ids of `limit` members of a list from `offset`, counted from the list's `end`: an index walk
 * that steps over every skipped entry (OFFSET reads what it skips).
 */
function pageIdsOf(db: Executor, { filter, limit, offset }: ListPage, now: string, end: ListEnd = 'newest') {
  const direction = end === 'newest' ? 'desc' : 'asc';
  return db.selectFrom(listMembers(db, filter, now).as('m')).select('m.id').orderBy('m.published_at', direction).orderBy('m.id', direction).limit(limit).offset(offset);
}

/**
 * Where to read a page of `limit` cards from `offset` (newest first) of a list of `total`: from the
 * newest end, or, past the middle, the same rows from the oldest end, which skips
 * `total - offset - limit` entries rather than `offset` (the last page of a 100,000-article
 * section walked the whole index; ADR 0074). The page that straddles the middle takes the shorter
 * walk; a last partial page takes the `total - offset` oldest. Without a total, or from past the
 * end, the newest end (a past-the-end page is empty either way).
 */
export function listReadOf(page: { limit: number; offset: number; total?: number }): { end: ListEnd; limit: number; offset: number } {
  const { limit, offset, total } = page;
  if (total === undefined || offset >= total) return { end: 'newest', limit, offset };
  const fromOldest = Math.max(0, total - offset - limit);
  return fromOldest < offset ? { end: 'oldest', limit: total - offset - fromOldest, offset: fromOldest } : { end: 'newest', limit, offset };
}

/**
 * A page of a list's cards (see listPublishedArticles), newest first whichever end its ids were
 * read from; built and compiled once per kind of filter and end.
 */
const listPageQuery = compiledOnce(
  (db: Executor, end: ListEnd, { filter, limit, offset, now }: { filter: PublishedListFilter; limit: number; offset: number; now: string }) =>
    // The page's ids first, then the rows of just those.
    cardQuery(db)
      .where('articles.id', 'in', pageIdsOf(db, { filter, limit, offset }, now, end))
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc'),
);

/** Which page of which list: `limit` cards from `offset`, newest first. */
export type ListPage = { filter: PublishedListFilter; limit: number; offset: number };

/**
 * The ids on several lists' pages, each marked with its list's key: a UNION ALL of the lists'
 * index walks, built and compiled once per set of kinds of filter. The cards are read after, once
 * for all the ids: with the cards' joins in the same statement, PostgreSQL planned a join per list
 * (~20 ms for the Main Page's ten lists against ~1 ms running them) and SQLite, which copies a join
 * into every branch of a UNION ALL, ran ten joins (580 µs against 160 + 110 for the two statements).
 * Prepared on PostgreSQL: its callers (the Main Page's blocks) read first pages only, whose plan
 * no value changes (ADR 0078).
 */
const listPageIdsQuery = compiledOnce(
  (db: Executor, _shape: '', { lists, now }: { lists: { [key: string]: ListPage }; now: string }) => {
    const branches = Object.keys(lists).map((key) => db.selectFrom(pageIdsOf(db, lists[key]!, now).as('page')).select(['page.id', sql.lit(Number(key)).as('list')]));
    return branches.slice(1).reduce((union, branch) => union.unionAll(branch), branches[0]!);
  },
  { prepared: true },
);

/** Newest first, as the list indexes walk: by published_at, then id (ISO UTC instants compare as strings). */
function newestFirst(a: ArticleCardRecord, b: ArticleCardRecord): number {
  return a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : b.id - a.id;
}

/**
 * The pages of several lists of published articles at once (the Main Page's "Latest" and section
 * blocks), in the order asked, each as listPublishedArticles would answer it: two queries (the ids,
 * then their cards) rather than one per list (on SQLite each query's run costs more than its few
 * rows; on PostgreSQL it is a round trip).
 */
export async function listPublishedArticlePages(db: Executor, pages: readonly ListPage[], now: string): Promise<ArticleCardRecord[][]> {
  if (pages.length === 0) return [];
  const members = await listPageIdsQuery(db, '', { lists: Object.fromEntries(pages.map((page, i) => [String(i), page])), now });
  // An article on two lists (the newest of a section is also among the latest) is read once.
  const cards = new Map((await findPublishedArticleCards(db, [...new Set(members.map((m) => m.id))], now)).map((card) => [card.id, card]));
  const lists = pages.map((): ArticleCardRecord[] => []);
  for (const { id, list } of members) {
    const card = cards.get(id);
    // Absent only when the article left publication between the two reads: its list shows one card fewer.
    if (card) lists[Number(list)]!.push(card);
  }
  return lists.map((cards) => cards.sort(newestFirst));
}

/**
 * Published articles of the filter's language, newest first, `limit` from `offset`. `total`, the
 * list's length at `now` when the caller has counted it (a paged list, for its pager), lets a
 * page past the middle be read from the oldest end (listReadOf): the same cards.
 */
export async function listPublishedArticles(
  db: Executor,
  filter: PublishedListFilter,
  page: { limit: number; offset: number; total?: number },
  now: string,
): Promise<ArticleCardRecord[]> {
  const { end, limit, offset } = listReadOf(page);
  const rows = await listPageQuery(db, end, { filter, limit, offset, now });
  return rows.map(toCardRecord);
}

/** The cards of some articles that readers may see; built and compiled once per number of ids. */
const cardsQuery = compiledOnce((db: Executor, _shape: '', { ids, now }: { ids: number[]; now: string }) => cardQuery(db).where('articles.id', 'in', ids).where(publishedScope(now)));

/** The cards of the articles `ids` that readers may see at `now`, in no particular order (a search result page orders them). */
export async function findPublishedArticleCards(db: Executor, ids: readonly number[], now: string): Promise<ArticleCardRecord[]> {
  if (ids.length === 0) return [];
  const rows = await cardsQuery(db, '', { ids: [...ids], now });
  return rows.map(toCardRecord);
}

/** A section's (with its subsections), a tag's or an author's list: the lists whose counts are kept (migration 0042). */
export type PublishedTermFilter = { language: string } & (
  | { sectionIds: number[]; tagId?: never; authorId?: never }
  | { tagId: number; sectionIds?: never; authorId?: never }
  | { authorId: number; sectionIds?: never; tagId?: never }
);

/**
 * How many published articles a term's list has, in one query: the count kept by triggers
 * (article_term_counts, every published article with a publication time) less the list's
 * articles whose time has not come, counted from the end of the index its pages walk (none, or a
 * scheduled few). Built and compiled once per kind of filter.
 */
const countQuery = compiledOnce((db: Executor, _shape: '', { filter, now }: { filter: PublishedTermFilter; now: string }) => {
  const term =
    filter.tagId !== undefined
      ? { kind: 'tag' as const, ids: [filter.tagId] }
      : filter.authorId !== undefined
        ? { kind: 'author' as const, ids: [filter.authorId] }
        : { kind: 'section' as const, ids: filter.sectionIds };
  const kept = db
    .selectFrom('article_term_counts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total'), sql.lit(0)).as('n'))
    .where('kind', '=', term.kind)
    .where('term_id', 'in', term.ids)
    .where('language', '=', filter.language);
  return db.selectNoFrom([kept.as('kept'), notYetDue(db, filter, now).as('not_yet')]);
});

/** How many of a term's published articles in the filter's language have a publication time still to come at `now`: listMembers' other end. */
function notYetDue(db: Executor, filter: PublishedTermFilter, now: string) {
  const link = linkTableOf(filter);
  if (link) {
    return db
      .selectFrom(link.table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(link.key, '=', link.id)
      .where('language', '=', filter.language)
      .where('status', '=', 'published')
      .where('published_at', '>', now);
  }
  return db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('section_id', 'in', filter.sectionIds!)
    .where('language', '=', filter.language)
    .where('status', '=', 'published')
    .where('published_at', '>', now);
}

/** How many published articles readers see at `now` on a section's, tag's or author's list. */
export async function countPublishedArticles(db: Executor, filter: PublishedTermFilter, now: string): Promise<number> {
  const [row] = await countQuery(db, '', { filter, now });
  return Number(row!.kept) - Number(row!.not_yet);
}
