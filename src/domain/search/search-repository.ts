import { sql, type RawBuilder } from 'kysely';
import type { DialectKind, Executor } from '#src/db/database.ts';
import { searchDocument, textSearchConfig } from '#src/i18n/search-folding.ts';
import type { SearchTerm } from './search-query.ts';
import { stemPrefix } from './search-stemming.ts';

/**
 * Readers' search over `article_search_documents` (migration 0015): FTS5 on SQLite, a tsvector
 * under a GIN index on PostgreSQL. A document exists only while its article is published
 * (syncSearchDocument, called by every write of an article), so a draft's words are never in it;
 * queries also require the publication time to have come, as publishedScope does for pages.
 */

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
  const values = {
    language: row.language,
    section_id: row.section_id,
    published_at: row.published_at,
    ts_config: textSearchConfig(row.language),
    ...searchDocument(row.language, { title: row.title, standfirst: row.standfirst, plainText: row.plain_text }),
  };
  await db
    .insertInto('article_search_documents')
    .values({ article_id: articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
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

/** The candidates of a search (at most CANDIDATES, newest ids first) with their relevance, as a subquery. */
function candidatesSql(kind: DialectKind, filter: SearchFilter, now: string): RawBuilder<{ id: number; relevance: number; published_at: string }> {
  if (kind === 'sqlite') {
    // bm25() is lower for better matches; negated so that both databases rank "higher is better".
    return sql`select d.article_id as id, -bm25(article_search_fts, ${SQLITE_WEIGHTS}) as relevance, d.published_at as published_at
      from article_search_fts cross join article_search_documents d on d.article_id = article_search_fts.rowid
      where article_search_fts match ${ftsMatch(filter.terms, filter.language)} and ${filterSql(filter, now, 'd')}
      order by article_search_fts.rowid desc limit ${CANDIDATES}`;
  }
  const query = sql`to_tsquery(${textSearchConfig(filter.language)}::regconfig, ${tsQueryText(filter.terms)})`;
  return sql`select d.article_id as id, ts_rank(${POSTGRES_WEIGHTS}::float4[], d.search_vector, ${query}) as relevance, d.published_at as published_at
    from article_search_documents d
    where d.search_vector @@ ${query} and ${filterSql(filter, now, 'd')}
    order by d.article_id desc limit ${CANDIDATES}`;
}

function ageInDays(kind: DialectKind, now: string): RawBuilder<number> {
  return kind === 'sqlite'
    ? sql`max(0, julianday(${now}) - julianday(c.published_at))`
    : sql`greatest(0, extract(epoch from (${now}::timestamptz - c.published_at)) / 86400)`;
}

/**
 * One page of a search: the ids of matching published articles, best first (relevance blended
 * with recency: relevance × RECENCY_DAYS / (RECENCY_DAYS + age in days), ties newest id first),
 * and how many there are (at most CANDIDATES; 0 when the page is empty, past the end too). No
 * searchable term: nothing.
 */
export async function searchArticleIds(
  db: Executor,
  kind: DialectKind,
  filter: SearchFilter,
  page: { limit: number; offset: number },
  now: string,
): Promise<{ ids: number[]; total: number }> {
  if (safeTerms(filter.terms).length === 0) return { ids: [], total: 0 };
  const candidates = candidatesSql(kind, filter, now);
  const score = sql`c.relevance * ${RECENCY_DAYS} / (${RECENCY_DAYS} + ${ageInDays(kind, now)})`;
  // One statement: the page and, beside each row, the number of candidates (an empty page means
  // page 1 of nothing or a page past the end, which the caller answers as a 404).
  const { rows } = await sql<{ id: number; total: number }>`select c.id, count(*) over () as total from (${candidates}) c
    order by ${score} desc, c.id desc limit ${page.limit} offset ${page.offset}`.execute(db);
  return { ids: rows.map((row) => Number(row.id)), total: Number(rows[0]?.total ?? 0) };
}

/** The body text of some articles, by id, for their snippets (callers pass ids a search found). */
export async function findPlainTexts(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'plain_text']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.plain_text]));
}
