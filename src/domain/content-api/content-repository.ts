import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectKind, Executor } from '#src/db/database.ts';
import { compiledOnce } from '#src/db/compiled-once.ts';
import type { Database } from '#src/db/schema.ts';
import { publishedScope, type NamedRef } from '#src/domain/articles/published-article-repository.ts';
import { listTermTranslations, type TermTranslations } from '#src/domain/taxonomy/term-translation-repository.ts';

/**
 * The Content API's reads: keyset-paged lists of published articles and of tags and authors. Every
 * article query ANDs the same `publishedScope` the public pages use (published-article-repository.ts),
 * so "visible to readers" keeps one meaning. One article is read through the published read model
 * itself (published-articles.ts).
 */

/** Which published articles a Content API list holds; every filter given must hold (AND). */
export type ContentArticleFilter = {
  /** A section and its subsections. */
  sectionIds?: number[];
  tagId?: number;
  authorId?: number;
  /** Only articles changed at or after this instant (ISO UTC). */
  updatedSince?: string;
  /** Only articles in this language (BCP 47). */
  language?: string;
};

/** The order of a list, newest first: by first publication, or by last change (for syncing). */
export type ContentSort = 'published' | 'updated';

/** A place in a list: the sort value and id of the last item seen (the list continues after it). */
export type KeysetPosition = { value: string; id: number };

/** An article as a Content API list shows it, its section named in the article's language. */
export type ContentArticleRow = {
  id: number;
  /** BCP 47 code of the article's language. */
  language: string;
  /** The original this article translates, or null for an original. */
  translationOfId: number | null;
  slug: string;
  title: string;
  standfirst: string;
  leadMediaId: number | null;
  leadCaption: string;
  leadCredit: string;
  publishedAt: string;
  updatedAt: string;
  readingMinutes: number;
  /** Named from the term memo (see findTermNames), not by the list's query. */
  sectionId: number;
  /** Bumped by every write of the article and of its links (article-repository.ts): a memo of what the row shows keys on it. */
  version: number;
  /**
   * Every field above as the database wrote them in one JSON array: equal for two reads of the row
   * exactly when the row's listed columns and version are (a memo of what the row shows keys on it).
   */
  stamp: string;
};

/**
 * A listed article's columns, read as one JSON array the database builds (`json_array` on SQLite,
 * `json_build_array` on PostgreSQL) instead of fourteen values: a page's rows arrive as 21 strings,
 * which cost SQLite and the driver about 40% less CPU than the values one by one on the 100k
 * install (ADR 0066), and the text is the row's stamp as it stands. In this order (see parseListedRow).
 */
const LISTED_COLUMNS = [
  'id',
  'language',
  'translation_of_id',
  'slug',
  'title',
  'standfirst',
  'lead_media_id',
  'lead_caption',
  'lead_credit',
  'published_at',
  'updated_at',
  'reading_minutes',
  'section_id',
  'version',
] as const;

/** The listed columns that are instants: PostgreSQL writes them in the form the driver gives a column (see listedRow). */
const INSTANT_COLUMNS: ReadonlySet<string> = new Set(['published_at', 'updated_at']);

/**
 * On PostgreSQL each instant is written in the array as the ISO-8601 UTC text the driver makes of a
 * timestamptz column (postgres-driver.ts: milliseconds, `Z`), so the row is read as SQLite's is:
 * its own JSON form (`+00:00`, microseconds) turned into that in JavaScript was ~5% of the list's
 * CPU (ADR 0069). SQLite stores the ISO text.
 */
function listedRow(kind: DialectKind) {
  const column = (name: string) =>
    kind === 'postgres' && INSTANT_COLUMNS.has(name)
      ? sql`to_char(${sql.ref(`articles.${name}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : sql.ref(`articles.${name}`);
  const columns = sql.join(LISTED_COLUMNS.map(column));
  return (kind === 'sqlite' ? sql<string>`json_array(${columns})` : sql<string>`json_build_array(${columns})::text`).as('listed');
}

type ArticleEb = ExpressionBuilder<Database, 'articles'>;

/** How many rows a page reads, written in the SQL (see contentArticles). */
type PageLimit = RawBuilder<number>;

/** The filters that are conditions on the article itself (the one a list is driven by is left out). */
function articleClauses(filter: ContentArticleFilter, drivenBy: 'articles' | 'tag' | 'author') {
  const clauses: Array<(eb: ArticleEb) => Expression<SqlBool>> = [];
  if (filter.sectionIds !== undefined) {
    const ids = filter.sectionIds;
    clauses.push((eb) => eb('articles.section_id', 'in', ids));
  }
  if (filter.language !== undefined) {
    const language = filter.language;
    clauses.push((eb) => eb('articles.language', '=', language));
  }
  if (filter.updatedSince !== undefined) {
    const since = filter.updatedSince;
    clauses.push((eb) => eb('articles.updated_at', '>=', since));
  }
  if (filter.tagId !== undefined && drivenBy !== 'tag') {
    const tagId = filter.tagId;
    clauses.push((eb) =>
      eb.exists(eb.selectFrom('article_tags').select('article_tags.article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)),
    );
  }
  if (filter.authorId !== undefined && drivenBy !== 'author') {
    const authorId = filter.authorId;
    clauses.push((eb) =>
      eb.exists(eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.author_id', '=', authorId)),
    );
  }
  return clauses;
}

/**
 * The ids of a page of a tag's or author's published articles, read from its link table, which
 * keeps a copy of each article's state and language beside an index: (term, status, published_at,
 * article_id) for every language (migration 0039), (term, language, status, published_at,
 * article_id) for one (migration 0011). The link table is the query's only table, so neither
 * database can start from the articles instead: SQLite's statistics count `status` as selective
 * (few statuses, almost all published), and with a join it walked every published article by date,
 * probing the link table for each (40 ms a page at 100,000 articles; ADR 0066). Each link is
 * checked against its article (the published scope and the other filters, in an EXISTS probe by
 * primary key), so a stale copy never lists an article readers may not see.
 */
function linkPageIds(db: Executor, filter: ContentArticleFilter, after: KeysetPosition | null, limit: PageLimit, until: string) {
  const link =
    filter.tagId !== undefined
      ? { table: 'article_tags' as const, key: 'tag_id' as const, id: filter.tagId, drivenBy: 'tag' as const }
      : { table: 'article_authors' as const, key: 'author_id' as const, id: filter.authorId!, drivenBy: 'author' as const };
  let article = db.selectFrom('articles').select('articles.id').where('articles.id', '=', sql.ref<number>(`${link.table}.article_id`)).where(publishedScope(until));
  for (const clause of articleClauses(filter, link.drivenBy)) article = article.where(clause);
  // Qualified: the articles of the EXISTS have columns of the same names.
  const column = <C extends 'article_id' | 'status' | 'published_at' | 'language'>(name: C) => `${link.table}.${name}` as `article_tags.${C}` | `article_authors.${C}`;
  let query = db
    .selectFrom(link.table)
    .select(`${column('article_id')} as id`)
    .where(`${link.table}.${link.key}` as 'article_tags.tag_id' | 'article_authors.author_id', '=', link.id)
    .where(column('status'), '=', 'published')
    .where(column('published_at'), '<=', until);
  if (filter.language !== undefined) query = query.where(column('language'), '=', filter.language);
  if (after) query = query.where((eb) => eb(eb.refTuple(column('published_at'), column('article_id')), '<', eb.tuple(after.value, after.id)));
  return query
    .where((eb) => eb.exists(article))
    .orderBy(column('published_at'), 'desc')
    .orderBy(column('article_id'), 'desc')
    .limit(limit);
}

/**
 * A listed article as the page query answers it: its id and its row's JSON array (LISTED_COLUMNS),
 * which is also its stamp. The array is parsed (parseListedRow) only where a row's fields are
 * needed: an item made again, the last row's cursor. A page whose items are all in memory parses
 * none (JSON.parse of every row was ~4% of the list's CPU on SQLite; ADR 0069).
 */
export type ListedArticle = { id: number; stamp: string };

type ListedValues = [number, string, number | null, string, string, string, number | null, string, string, string, string, number, number, number];

/** A listed article's fields from its JSON array (LISTED_COLUMNS), instants already in ISO-8601 UTC on both databases (listedRow). */
export function parseListedRow({ stamp }: ListedArticle): ContentArticleRow {
  const [id, language, translationOfId, slug, title, standfirst, leadMediaId, leadCaption, leadCredit, publishedAt, updatedAt, readingMinutes, sectionId, version] = JSON.parse(stamp) as ListedValues;
  return {
    id,
    language,
    translationOfId,
    slug,
    title,
    standfirst,
    leadMediaId,
    leadCaption,
    leadCredit,
    publishedAt,
    updatedAt,
    readingMinutes,
    sectionId,
    version,
    stamp,
  };
}

/**
 * The ids of a page: `limit` published articles (as readers may see them at `until`) after `after`,
 * newest first by `sort`, ties broken by the higher id. A keyset page, walked in an index, as fast
 * at the millionth item as at the first; no article row is read beyond the page's (a row's later
 * columns sit behind its body, in overflow pages on SQLite).
 */
function pageIds(db: Executor, filter: ContentArticleFilter, sort: ContentSort, after: KeysetPosition | null, limit: PageLimit, until: string) {
  if (sort === 'published' && (filter.tagId !== undefined || filter.authorId !== undefined)) return linkPageIds(db, filter, after, limit, until);
  // By change: the (status, updated_at, id, published_at) index of migration 0012 holds the order and the scope.
  const column = sort === 'published' ? 'articles.published_at' : 'articles.updated_at';
  let query = db.selectFrom('articles').select('articles.id').where(publishedScope(until));
  for (const clause of articleClauses(filter, 'articles')) query = query.where(clause);
  if (after) query = query.where((eb) => eb(eb.refTuple(column, 'articles.id'), '<', eb.tuple(after.value, after.id)));
  return query.orderBy(column, 'desc').orderBy('articles.id', 'desc').limit(limit);
}

type ListParams = { filter: ContentArticleFilter; after: KeysetPosition | null; until: string };

/**
 * A page of the list (see listContentArticles). The page size is written in the SQL (`limit 21`),
 * not bound: PostgreSQL plans a bound limit as a tenth of the table's rows, so a prepared list never
 * got a generic plan and was planned on every run (~0.2 ms of the server's CPU a request, more than
 * running it; ADR 0069).
 */
function contentArticles(db: Executor, shape: ListShape, { filter, after, until }: ListParams) {
  const [kind, sort, limit] = shape.split(':') as [DialectKind, ContentSort, string];
  const column = sort === 'published' ? 'articles.published_at' : 'articles.updated_at';
  return db
    .selectFrom('articles')
    .select(listedRow(kind))
    .where('articles.id', 'in', pageIds(db, filter, sort, after, sql.lit(Number(limit)), until))
    .orderBy(column, 'desc')
    .orderBy('articles.id', 'desc');
}

/** A list query's dialect, sort and page size (rows read). */
type ListShape = `${DialectKind}:${ContentSort}:${number}`;

/** A page of the list, built and compiled once per shape of filter and page size; planned per run. */
const contentArticlesQuery = compiledOnce(contentArticles);

/**
 * The same, kept planned per connection on PostgreSQL (ADR 0064): only the lists whose one plan
 * holds whatever their values (an index walked from the newest, in every language or one, with or
 * without a cursor), and only at the API's default page size and its largest (20 and 100, each with
 * the one row more that tells whether a page follows), so the named statements stay a few. The
 * filtered lists' best plans depend on how many articles a term, section or date holds.
 */
const plannedContentArticlesQuery = compiledOnce(contentArticles, { prepared: true });
const PLANNED_LIMITS: ReadonlySet<number> = new Set([21, 101]);

/** Up to `limit` published articles after `after`, newest first by `sort` (see pageIds), as their ids and rows' arrays. */
export async function listContentArticles(
  db: Executor,
  kind: DialectKind,
  filter: ContentArticleFilter,
  sort: ContentSort,
  after: KeysetPosition | null,
  limit: number,
  now: string,
): Promise<ListedArticle[]> {
  // By publication, a page after `after` holds nothing published later than it: the scope as of the
  // earlier of the two instants is the same set, and gives the index walk one upper bound to start
  // from (SQLite ranges over one bound per column, and took `now`'s, walking every newer entry).
  const until = sort === 'published' && after && after.value < now ? after.value : now;
  const isPlannedOnce =
    PLANNED_LIMITS.has(limit) && filter.sectionIds === undefined && filter.tagId === undefined && filter.authorId === undefined && filter.updatedSince === undefined;
  const rows = await (isPlannedOnce ? plannedContentArticlesQuery : contentArticlesQuery)(db, `${kind}:${sort}:${limit}`, { filter, after, until });
  // The array's first element is the id (`[12,` on SQLite, `[12, ` on PostgreSQL).
  return rows.map(({ listed }) => ({ id: Number(listed.slice(1, listed.indexOf(','))), stamp: listed }));
}

/** The byline and tag links of some articles (ids only: names come from the term memo), built and compiled once per number of articles. */
const articleLinksQuery = compiledOnce((db: Executor, _shape: '', { ids }: { ids: number[] }) =>
  db
    .selectFrom('article_authors')
    .select([sql<TermLinkKind>`'author'`.as('kind'), 'article_id', 'position', 'author_id as id'])
    .where('article_id', 'in', ids)
    .unionAll(db.selectFrom('article_tags').select([sql<TermLinkKind>`'tag'`.as('kind'), 'article_id', 'position', 'tag_id as id']).where('article_id', 'in', ids)),
);

/** Which of an article's term lists a link is in. */
type TermLinkKind = 'author' | 'tag';

/**
 * The ids of the bylines and tags of some articles, in their order on each article. One query for
 * both (a UNION ALL) of the link tables alone: a list page reads them on every request, and their
 * names, which the terms' tables hold, come from memory (findTermNames). Put in order here: a
 * page's few dozen links sort faster in JavaScript than in SQLite's temporary b-tree.
 */
export async function findArticleLinks(db: Executor, ids: number[]): Promise<{ authors: Map<number, number[]>; tags: Map<number, number[]> }> {
  const authors = new Map<number, number[]>();
  const tags = new Map<number, number[]>();
  if (ids.length === 0) return { authors, tags };
  const rows = await articleLinksQuery(db, '', { ids });
  rows.sort((a, b) => a.position - b.position);
  for (const { kind, article_id, id } of rows) {
    const byArticle = kind === 'author' ? authors : tags;
    const links = byArticle.get(article_id);
    if (links) links.push(id);
    else byArticle.set(article_id, [id]);
  }
  return { authors, tags };
}

/** A section, tag or author as lists name it: its own name and slug (the default language's), and its translations' by language (a translation without a slug keeps the term's). */
export type TermNames = NamedRef & { translations: Readonly<TermTranslations> };

/** A kind of term a list names. */
export type NamedTermKind = 'section' | 'tag' | 'author';

const TERM_TABLES = { section: 'sections', tag: 'tags', author: 'authors' } as const;

/** The names of some terms of one kind, in every language they have, by id; ids that do not exist are absent. */
export async function findTermNames(db: Executor, kind: NamedTermKind, ids: readonly number[]): Promise<Map<number, TermNames>> {
  const found = new Map<number, TermNames>();
  if (ids.length === 0) return found;
  const [own, translations] = await Promise.all([
    db.selectFrom(TERM_TABLES[kind]).select(['id', 'name', 'slug']).where('id', 'in', [...ids]).execute(),
    listTermTranslations(db, kind, ids),
  ]);
  for (const row of own) found.set(row.id, { id: row.id, name: row.name, slug: row.slug, translations: translations.get(row.id) ?? {} });
  return found;
}

/** A term named in `language`: its translation's name and slug where it has one, its own otherwise. */
export function termIn(term: TermNames, language: string): NamedRef {
  const translation = term.translations[language];
  return translation ? { id: term.id, name: translation.name, slug: translation.slug ?? term.slug } : { id: term.id, name: term.name, slug: term.slug };
}

/** Where the article with this id is published (section and article slug), if readers may see it at `now`. */
export async function findPublishedArticleAddress(db: Executor, id: number, now: string): Promise<{ sectionSlug: string; slug: string } | undefined> {
  return db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['sections.slug as sectionSlug', 'articles.slug as slug'])
    .where('articles.id', '=', id)
    .where(publishedScope(now))
    .executeTakeFirst();
}

/** Up to `limit` tags after id `afterId`, by id, named in `language` (their translation's where they have one, their own otherwise). */
export async function listTagsAfter(db: Executor, afterId: number, limit: number, language: string): Promise<NamedRef[]> {
  return db
    .selectFrom('tags')
    .leftJoin('term_translations as tt', (join) => join.onRef('tt.term_id', '=', 'tags.id').on('tt.kind', '=', 'tag').on('tt.language', '=', language))
    .select((eb) => ['tags.id as id', eb.fn.coalesce('tt.name', 'tags.name').as('name'), eb.fn.coalesce('tt.slug', 'tags.slug').as('slug')])
    .where('tags.id', '>', afterId)
    .orderBy('tags.id')
    .limit(limit)
    .execute();
}

/** An author profile as the Content API shows it. */
export type ContentAuthorRow = NamedRef & { bio: string; photoMediaId: number | null };

/** Up to `limit` author profiles after id `afterId`, by id, with name, slug and bio in `language` (their translation's where they have one). */
export async function listAuthorsAfter(db: Executor, afterId: number, limit: number, language: string): Promise<ContentAuthorRow[]> {
  const rows = await db
    .selectFrom('authors')
    .leftJoin('term_translations as tt', (join) => join.onRef('tt.term_id', '=', 'authors.id').on('tt.kind', '=', 'author').on('tt.language', '=', language))
    .select((eb) => [
      'authors.id as id',
      eb.fn.coalesce('tt.name', 'authors.name').as('name'),
      eb.fn.coalesce('tt.slug', 'authors.slug').as('slug'),
      eb.fn.coalesce('tt.description', 'authors.bio').as('bio'),
      'authors.photo_media_id as photo_media_id',
    ])
    .where('authors.id', '>', afterId)
    .orderBy('authors.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, bio: row.bio, photoMediaId: row.photo_media_id }));
}
