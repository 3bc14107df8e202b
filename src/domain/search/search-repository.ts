import { sql, type RawBuilder } from 'kysely';
import type { Db, DialectKind, Executor } from '#src/db/database.ts';
import { searchDocument, textSearchConfig } from '#src/i18n/search-folding.ts';
import type { SearchTerm } from './search-query.ts';
import { stemPrefix } from './search-stemming.ts';

/**
 * Readers' search over `article_search_documents` (migration 0015): FTS5 on SQLite, a tsvector
 * under a GIN index on PostgreSQL. A document exists only while its article is published
 * (syncSearchDocument, called by every write of an article), so a draft's words are never in it;
 * queries also require the publication time to have come, as publishedScope does for pages.
 */

/** What an article's search document is built from: its stored columns. */
type IndexedColumns = { language: string; section_id: number; published_at: string; title: string; standfirst: string; plain_text: string };

/** The search document's columns of a published article (see searchDocument for the folding). */
function documentValues(row: IndexedColumns) {
  return {
    language: row.language,
    section_id: row.section_id,
    published_at: row.published_at,
    ts_config: textSearchConfig(row.language),
    ...searchDocument(row.language, { title: row.title, standfirst: row.standfirst, plainText: row.plain_text }),
  };
}

/** Writes (or removes) an article's search document to match its stored state: in one transaction with the write that changed it. */
export async function syncSearchDocument(db: Executor, articleId: number): Promise<void> {
  const row = await db
    .selectFrom('articles')
    .select(['status', 'language', 'section_id', 'published_at', 'title', 'standfirst', 'plain_text'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row || row.status !== 'published' || row.published_at === null) {
    await db.deleteFrom('article_search_documents').where('article_id', '=', articleId).execute();
    return;
  }
  const values = documentValues({ ...row, published_at: row.published_at });
  await db
    .insertInto('article_search_documents')
    .values({ article_id: articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}

/** Documents written per INSERT: about 9 bound values each, well under both databases' limits. */
const DOCUMENTS_PER_INSERT = 500;

/**
 * Adds the search documents of articles just inserted as published (bulk writes: a synthetic
 * archive), the same documents syncSearchDocument would write one by one.
 */
export async function insertSearchDocuments(db: Executor, rows: ReadonlyArray<IndexedColumns & { article_id: number }>): Promise<void> {
  for (let start = 0; start < rows.length; start += DOCUMENTS_PER_INSERT) {
    const part = rows.slice(start, start + DOCUMENTS_PER_INSERT);
    await db
      .insertInto('article_search_documents')
      .values(part.map((row) => ({ article_id: row.article_id, ...documentValues(row) })))
      .execute();
  }
}

/** What a search asks for: the folded terms (all required), one language, optional filters. */
export type SearchFilter = {
  language: string;
  terms: readonly SearchTerm[];
  /** Only these sections (a section and its subsections); undefined: all. */
  sectionIds?: readonly number[];
  /** Published at or after this instant (ISO UTC). */
  from?: string;
  /** Published before this instant (ISO UTC). */
  before?: string;
};

/**
 * The most matches a search ranks and counts: the newest CANDIDATES matching articles (by id, the
 * order both indexes walk cheaply), ranked by relevance and age. A word found in half the archive
 * costs the same as one found a thousand times; readers are told "more than 1,000" past it.
 */
export const CANDIDATES = 1000;

/** Days after which a match's relevance counts half (relevance × H / (H + age in days)). */
const RECENCY_DAYS = 90;

// Column weights: a word in the title outranks one in the standfirst, which outranks the body.
// The first column of the FTS5 index is the language (migration 0015), which never ranks.
const SQLITE_WEIGHTS = sql.raw('0.0, 10.0, 4.0, 1.0');
// PostgreSQL's order is {D, C, B, A}: body (C) 0.1, standfirst (B) 0.4, title (A) 1.0.
const POSTGRES_WEIGHTS = '{0.1, 0.1, 0.4, 1.0}';

// Terms hold only letters, digits and marks (parseSearchQuery), so quoting them is all it takes;
// the checks below keep that promise even for a caller that skipped the parser.
const SAFE_TERM = /^[\p{L}\p{N}\p{M}]+$/u;

function safeTerms(terms: readonly SearchTerm[]): SearchTerm[] {
  return terms.filter((term) => SAFE_TERM.test(term.text));
}

/**
 * An FTS5 query: the language (its own column) and every term quoted, in the text columns only, a
 * prefix term cut to its stem-like prefix and starred.
 */
function ftsMatch(terms: readonly SearchTerm[], language: string): string {
  const words = safeTerms(terms).map((term) => (term.isPrefix ? `"${stemPrefix(term.text, language)}"*` : `"${term.text}"`));
  return `language : "${language.replaceAll('"', '""')}" AND {title standfirst body} : (${words.join(' ')})`;
}

/** A tsquery's text: every term quoted, `:*` on prefix terms; PostgreSQL stems each with the language's configuration. */
function tsQueryText(terms: readonly SearchTerm[]): string {
  return safeTerms(terms)
    .map((term) => `'${term.text}'${term.isPrefix ? ':*' : ''}`)
    .join(' & ');
}

function filterSql(filter: SearchFilter, now: string, table: string): RawBuilder<unknown> {
  const d = sql.ref(table);
  const parts = [sql`${d}.language = ${filter.language}`, sql`${d}.published_at <= ${now}`];
  if (filter.sectionIds) parts.push(filter.sectionIds.length > 0 ? sql`${d}.section_id in (${sql.join(filter.sectionIds)})` : sql`1 = 0`);
  if (filter.from) parts.push(sql`${d}.published_at >= ${filter.from}`);
  if (filter.before) parts.push(sql`${d}.published_at < ${filter.before}`);
  return sql.join(parts, sql` and `);
}

/** How a result is scored: relevance × RECENCY_DAYS / (RECENCY_DAYS + age in days). */
function blended(relevance: RawBuilder<number>, ageInDays: RawBuilder<number>): RawBuilder<number> {
  return sql`${relevance} * ${RECENCY_DAYS} / (${RECENCY_DAYS} + ${ageInDays})`;
}

type Page = { limit: number; offset: number };
type IdRow = { id: number; total: number };

/**
 * SQLite: FTS5 walks the matches newest id first (CROSS JOIN keeps it the outer loop: otherwise
 * SQLite may read documents by language and run the whole full-text query once per row), the
 * newest CANDIDATES are scored, and the page is cut from them. bm25() is lower for better
 * matches, so it is negated: on both databases a higher relevance is better.
 */
function sqliteSearch(filter: SearchFilter, page: Page, now: string): RawBuilder<IdRow> {
  const candidates = sql`select d.article_id as id, -bm25(article_search_fts, ${SQLITE_WEIGHTS}) as relevance, d.published_at as published_at
    from article_search_fts cross join article_search_documents d on d.article_id = article_search_fts.rowid
    where article_search_fts match ${ftsMatch(filter.terms, filter.language)} and ${filterSql(filter, now, 'd')}
    order by article_search_fts.rowid desc limit ${CANDIDATES}`;
  const score = blended(sql`c.relevance`, sql`max(0, julianday(${now}) - julianday(c.published_at))`);
  return sql`select c.id, count(*) over () as total from (${candidates}) c order by ${score} desc, c.id desc limit ${page.limit} offset ${page.offset}`;
}

/**
 * PostgreSQL: the GIN index finds the matches, the newest CANDIDATES ids are kept, and only those
 * rows' vectors are read to rank them. The documents' text and vector live out of line (TOAST,
 * migration 0015), so the heap the matches are read from is narrow; reading a vector is the
 * expensive part, and a plan that tests `@@` row by row (a sequential scan, or a walk of the
 * primary key newest first) reads one per row: for a word in half the archive, 100× slower. The
 * planner costs `@@` as cheap, so the statement runs with sequential scans off and orders by
 * `article_id + 0`, which no index provides.
 */
function postgresSearch(filter: SearchFilter, page: Page, now: string): RawBuilder<IdRow> {
  const query = sql`to_tsquery(${textSearchConfig(filter.language)}::regconfig, ${tsQueryText(filter.terms)})`;
  const candidates = sql`select d.article_id as id from article_search_documents d
    where d.search_vector @@ ${query} and ${filterSql(filter, now, 'd')}
    order by d.article_id + 0 desc limit ${CANDIDATES}`;
  const score = blended(
    sql`ts_rank(${POSTGRES_WEIGHTS}::float4[], r.search_vector, ${query})`,
    sql`greatest(0, extract(epoch from (${now}::timestamptz - r.published_at)) / 86400)`,
  );
  return sql`select c.id, count(*) over () as total from (${candidates}) c join article_search_documents r on r.article_id = c.id
    order by ${score} desc, c.id desc limit ${page.limit} offset ${page.offset}`;
}

/**
 * One page of a search: the ids of matching published articles, best first (relevance blended
 * with recency, ties newest id first), and how many there are (at most CANDIDATES; 0 when the page
 * is empty, past the end too). No searchable term: nothing. The page and the count come from one
 * statement (an empty page means page 1 of nothing or a page past the end).
 */
export async function searchArticleIds(db: Db, kind: DialectKind, filter: SearchFilter, page: Page, now: string): Promise<{ ids: number[]; total: number }> {
  if (safeTerms(filter.terms).length === 0) return { ids: [], total: 0 };
  const rows =
    kind === 'sqlite'
      ? (await sqliteSearch(filter, page, now).execute(db)).rows
      : await db.transaction().execute(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          return (await postgresSearch(filter, page, now).execute(trx)).rows;
        });
  return { ids: rows.map((row) => Number(row.id)), total: Number(rows[0]?.total ?? 0) };
}

/** The body text of some articles, by id, for their snippets (callers pass ids a search found). */
export async function findPlainTexts(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'plain_text']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.plain_text]));
}
