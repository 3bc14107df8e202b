import { sql, type RawBuilder } from 'kysely';
import type { Db, DialectKind, Executor } from '#src/db/database.ts';
import { SUPPORTED_LANGUAGES } from '#src/i18n/languages.ts';
import { searchDocument, textSearchConfig } from '#src/i18n/search-folding.ts';
import type { SearchTerm } from './search-query.ts';
import { rememberBounded } from '#src/lib/bounded-memo.ts';
import { stemPrefix } from './search-stemming.ts';

/**
 * Readers' search over `article_search_documents` (migration 0015), one index per language
 * (migration 0034, ADR 0054): FTS5 on SQLite (searchIndexOf), a tsvector under a partial GIN index
 * on PostgreSQL. A document exists only while its article is published
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
const SQLITE_WEIGHTS = sql.raw('10.0, 4.0, 1.0');
// PostgreSQL's order is {D, C, B, A}: body (C) 0.1, standfirst (B) 0.4, title (A) 1.0.
const POSTGRES_WEIGHTS = '{0.1, 0.1, 0.4, 1.0}';

// Terms hold only letters, digits and marks (parseSearchQuery), so quoting them is all it takes;
// the checks below keep that promise even for a caller that skipped the parser.
const SAFE_TERM = /^[\p{L}\p{N}\p{M}]+$/u;

function safeTerms(terms: readonly SearchTerm[]): SearchTerm[] {
  return terms.filter((term) => SAFE_TERM.test(term.text));
}

/**
 * The languages with a search index of their own (migration 0034: an FTS5 table on SQLite, a
 * partial GIN index on PostgreSQL): the languages articles are written in (the Kazakh Latin
 * edition searches the Kazakh index: its documents hold both scripts). A search in any other
 * language finds nothing. A language added to i18n/languages.ts needs a migration creating its
 * indexes; a test (search-index-languages.test.ts) fails until it has them.
 */
export const SEARCH_INDEX_LANGUAGES: readonly string[] = SUPPORTED_LANGUAGES.filter((l) => !l.script).map((l) => l.code);

/**
 * The FTS5 index of `language`'s search documents on SQLite, or null for a language no article can
 * be written in. One index per language, not a language column: bm25() reads every row of each
 * phrase of the query to weigh it, and a language phrase was every row of the language; on
 * PostgreSQL a word's GIN entries of other languages were read and thrown away (ADR 0054).
 */
export function searchIndexOf(language: string): string | null {
  return SEARCH_INDEX_LANGUAGES.includes(language) ? `article_search_fts_${language}` : null;
}

/** An FTS5 query: every term quoted (all required), a prefix term cut to its stem-like prefix and starred. */
function ftsMatch(terms: readonly SearchTerm[], language: string): string {
  return safeTerms(terms)
    .map((term) => (term.isPrefix ? `"${stemPrefix(term.text, language)}"*` : `"${term.text}"`))
    .join(' ');
}

/** A tsquery's text: every term quoted, `:*` on prefix terms; PostgreSQL stems each with the language's configuration. */
function tsQueryText(terms: readonly SearchTerm[]): string {
  return safeTerms(terms)
    .map((term) => `'${term.text}'${term.isPrefix ? ':*' : ''}`)
    .join(' & ');
}

/**
 * The filters of a search on `table`'s columns. The language is a literal (one of
 * SEARCH_INDEX_LANGUAGES, never a reader's text): PostgreSQL uses a partial index only where it can
 * prove the index's `language = 'xx'` when planning. `languageAsRange` writes it as a range of one
 * value instead, for PostgreSQL's walk (postgresWalk).
 */
function filterSql(filter: SearchFilter, now: string, table: string, languageAsRange = false): RawBuilder<unknown> {
  const d = sql.ref(table);
  const language = sql.lit(filter.language);
  const inLanguage = languageAsRange ? sql`${d}.language >= ${language} and ${d}.language <= ${language}` : sql`${d}.language = ${language}`;
  const parts = [inLanguage, sql`${d}.published_at <= ${now}`];
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
 * SQLite: the language's FTS5 index walks the matches newest id first (CROSS JOIN keeps it the
 * outer loop: otherwise SQLite may read documents by language and run the whole full-text query
 * once per row), the newest CANDIDATES are scored, and the page is cut from them. bm25() is lower
 * for better matches, so it is negated: on both databases a higher relevance is better.
 */
function sqliteSearch(index: string, filter: SearchFilter, page: Page, now: string): RawBuilder<IdRow> {
  const fts = sql.table(index);
  const candidates = sql`select d.article_id as id, -bm25(${fts}, ${SQLITE_WEIGHTS}) as relevance, d.published_at as published_at
    from ${fts} cross join article_search_documents d on d.article_id = ${fts}.rowid
    where ${fts} match ${ftsMatch(filter.terms, filter.language)} and ${filterSql(filter, now, 'd')}
    order by ${fts}.rowid desc limit ${CANDIDATES}`;
  const score = blended(sql`c.relevance`, sql`max(0, julianday(${now}) - julianday(c.published_at))`);
  return sql`select c.id, count(*) over () as total from (${candidates}) c order by ${score} desc, c.id desc limit ${page.limit} offset ${page.offset}`;
}

/**
 * PostgreSQL's first look: the newest WALK_ROWS documents of the language that pass the filters,
 * newest first (postgresWalk). A word in 1 of 2 documents or more (the place names most articles
 * carry) finds its CANDIDATES there and the walk stops at the last of them; a rarer one goes on
 * with windows of ids sized from the density the walk showed (WINDOW_MARGIN times what
 * CANDIDATES need), or the whole archive if it found none.
 */
const WALK_ROWS = 2000;
const WINDOW_MARGIN = 1.5;
/** How much a window grows when the last one told nothing of the density (a page past its matches). */
const WINDOW_GROWTH = 8;

/** The reader's words as a tsquery (immutable with its configuration named: folded into a constant when planned). */
function tsQuery(filter: SearchFilter): RawBuilder<unknown> {
  return sql`to_tsquery(${textSearchConfig(filter.language)}::regconfig, ${tsQueryText(filter.terms)})`;
}

/**
 * A document's vector as a value decompressed once. Vectors over 2 kB are stored compressed in the
 * row (a Kazakh one, two scripts, about 7 kB), and every function given the column decompresses its
 * own copy: testing a row and then ranking it paid that twice, and decompressing was most of a
 * walk's cost (kk "astana": 1,340 rows tested, 1,000 ranked). An array's elements are stored
 * decompressed, so its first element is the same vector, read once. Used in the walk's limited
 * subquery, which the planner cannot merge into its parent: the test and the rank above it both
 * read that one value.
 */
function vectorReadOnce(row: string): RawBuilder<unknown> {
  return sql`(array[${sql.ref(row)}.search_vector])[1]`;
}

/** How a PostgreSQL search scores a document `row` (an alias with search_vector and published_at). */
function postgresScore(filter: SearchFilter, now: string, row: string): RawBuilder<number> {
  const r = sql.ref(row);
  return blended(
    sql`ts_rank(${POSTGRES_WEIGHTS}::float4[], ${r}.search_vector, ${tsQuery(filter)})`,
    sql`greatest(0, extract(epoch from (${now}::timestamptz - ${r}.published_at)) / 86400)`,
  );
}

/** The page cut from scored candidates (`id`, `score`), with how many candidates there are. */
function pageOf(scored: RawBuilder<unknown>, page: Page): RawBuilder<IdRow> {
  return sql`select s.id, count(*) over () as total from (${scored}) s order by s.score desc, s.id desc limit ${page.limit} offset ${page.offset}`;
}

/**
 * PostgreSQL's walk: the language's documents that pass the filters, newest id first, down
 * article_search_documents_window_idx (migration 0027; the filters are its columns, checked in the
 * index), at most `walkRows` of them. Each is tested for the words as it comes (its vector is in
 * the row) and a match is ranked at once, from the same row; the walk stops at the CANDIDATES-th
 * match. A common word costs a little more than CANDIDATES rows and no second read of any of them.
 * The language is a range ordered on, so only that index gives the order: with `language = 'xx'`
 * the planner may walk the primary key instead, reading every language's rows and dropping the
 * others' (at 100,000 articles 2,800 pages against 800, 11 ms against 2).
 */
function postgresWalk(filter: SearchFilter, page: Page, now: string, walkRows: number): RawBuilder<IdRow> {
  const walked = sql`select d.language, d.article_id, d.published_at, ${vectorReadOnce('d')} as search_vector from article_search_documents d
    where ${filterSql(filter, now, 'd', true)} order by d.language desc, d.article_id desc limit ${walkRows}`;
  const candidates = sql`select w.article_id as id, ${postgresScore(filter, now, 'w')} as score from (${walked}) w
    where ts_match_vq(w.search_vector, ${tsQuery(filter)}) order by w.language desc, w.article_id desc limit ${CANDIDATES}`;
  return pageOf(candidates, page);
}

/**
 * Where the windows after a walk start: the newest id, and the id of the last document the walk
 * read (the `walkRows`-th newest that passes the filters; null when the language has fewer: then
 * the walk saw them all). The same statement turns off, for the rest of the transaction, index
 * scans (the planner costs `@@` as cheap and would rather walk an index testing each row: for a
 * rare word, the whole language), sequential scans and parallel workers (a search is small;
 * workers cost more than they save on a busy machine). It is planned before it runs, so it still
 * reads both ids from indexes.
 */
async function windowsStart(trx: Executor, filter: SearchFilter, now: string, walkRows: number): Promise<{ newestId: number; lowestWalked: number | null }> {
  const { rows } = await sql<{ newest: number | null; lowest: number | null }>`select
      (select max(article_id) from article_search_documents) as newest,
      (select d.article_id from article_search_documents d where ${filterSql(filter, now, 'd', true)}
        order by d.language desc, d.article_id desc offset ${walkRows - 1} limit 1) as lowest,
      set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
      set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
  return { newestId: Number(rows[0]?.newest ?? 0), lowestWalked: rows[0]?.lowest == null ? null : Number(rows[0].lowest) };
}

/**
 * PostgreSQL: the newest CANDIDATES matches above `fromId` in the language, ranked as they are read.
 * In a window that is small beside the word's matches (`testEachRow`, rowTestsCostLess), the
 * window's rows come from article_search_documents_window_idx (the id range and the filters are
 * its columns) and each is tested for the words (ts_match_vq, a function call the GIN index cannot
 * serve): that costs less than the GIN index handing over the bitmap of a common word, tens of
 * thousands of entries for a prefix. Otherwise the GIN index hands over the language's matches and
 * the window is a filter on them (`article_id + 0`, which no index serves): ANDed with a bitmap of
 * the id range instead, the range cost more than the matches ("museum": 58,600 ids, 24 of 55 ms).
 * A window tested row by row ranks each match from the row just read; only ids and scores are
 * sorted and buffered (1,000 vectors overflow work_mem). The GIN index hands over every match of
 * the language, often more than CANDIDATES ("museum": 2,550), so its matches are sorted by id as
 * row addresses (ctid) and only the newest CANDIDATES are read again by address and ranked: 1,000
 * ranks, not 2,550 (at 100,000 articles ~1–1.5 ms less at best of 30, load 6.6).
 */
function postgresSearch(filter: SearchFilter, page: Page, now: string, fromId: number | null, testEachRow: boolean): RawBuilder<IdRow> {
  const query = tsQuery(filter);
  if (testEachRow) {
    return pageOf(
      sql`select d.article_id as id, ${postgresScore(filter, now, 'd')} as score from article_search_documents d
        where ts_match_vq(d.search_vector, ${query}) and ${filterSql(filter, now, 'd')}${fromId === null ? sql`` : sql` and d.article_id > ${fromId}`}
        order by d.article_id desc limit ${CANDIDATES}`,
      page,
    );
  }
  const newest = sql`select m.ctid as address from article_search_documents m
    where m.search_vector @@ ${query} and ${filterSql(filter, now, 'm')}${fromId === null ? sql`` : sql` and m.article_id + 0 > ${fromId}`}
    order by m.article_id desc limit ${CANDIDATES}`;
  return pageOf(
    sql`select d.article_id as id, ${postgresScore(filter, now, 'd')} as score from (${newest}) n join article_search_documents d on d.ctid = n.address offset 0`,
    page,
  );
}

/**
 * Whether the next window (`next` ids) is cheaper tested row by row than ANDed with the GIN index's
 * bitmap, which holds every match of the words in the language's archive (about the density the
 * last window showed, times the newest id; more for a prefix). A word that nearly filled
 * the first window ("шахмат": 902 of 1,000 in 4,000 ids, 50,000 entries in the index) is cheaper
 * tested in the next 8,000 ids (59 ms against 488 ms, EXPLAIN ANALYZE at load 30); a word that is
 * rare in the window ("museum", 101) asks the index (2,500 entries) for a window of 60,000 ids.
 */
export function rowTestsCostLess(next: number, matches: number | null, size: number, newestId: number): boolean {
  if (matches === null || matches === 0) return false;
  return next < (matches / size) * newestId;
}

/** How many candidates a statement's answer says there are; null when its page was past them all. */
function matchesOf(found: readonly IdRow[], page: Page): number | null {
  return found.length > 0 ? Number(found[0]!.total) : page.offset === 0 ? 0 : null;
}

/**
 * The most matches the planner may expect of a search's words in its language for the search to
 * skip the walk and ask the GIN index over the whole archive at once (rareInPlanner). The index
 * hands over every match of the language and each one's row is read: for ~2,500 matches ("museum",
 * "музея") that costs less than the walk of 2,000 rows they would take first, which finds ~130 of
 * them and goes on to the same statement. The planner's count is its statistics' share of the
 * word over all languages times the language's rows: for a word of one language (most are), the
 * language's share of the truth (en "museum": 1,021 expected, 2,550 there).
 */
const RARE_EXPECTED = 1500;

/** The GIN index of `language`'s search vectors (migration 0034). */
function ginIndexOf(language: string): string {
  return `article_search_documents_vector_${language}_idx`;
}

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Plan Rows': number; Plans?: PlanNode[] };

/** The rows the planner expects `index` to hand over in `plan`, or null when the plan does not ask it. */
function expectedFrom(plan: PlanNode, index: string): number | null {
  if (plan['Node Type'] === 'Bitmap Index Scan' && plan['Index Name'] === index) return plan['Plan Rows'];
  for (const child of plan.Plans ?? []) {
    const rows = expectedFrom(child, index);
    if (rows !== null) return rows;
  }
  return null;
}

/**
 * Whether the planner, asked for the whole archive's statement (`whole`), would have the GIN index
 * hand over the matches and expects fewer than `rareExpected` of them: then that statement, run as
 * it is planned, is cheaper than a walk, and its plan needs none of the windows' settings (an
 * ordered index walk that tests each row is what the planner picks for words it expects to be
 * common, never for these). EXPLAIN without ANALYZE plans the statement and does not run it
 * (~0.7 ms with its round trip at load 8). A word the statistics have not seen is expected in few
 * rows, which is true of a word absent from the archive; a word that became common since the last
 * ANALYZE would have its whole bitmap read (the answer is the same, only slower) until the next.
 * The planner's answer changes only with its statistics, so it is remembered per database, language
 * and words for PLANNER_MEMO_MS (rareMemo).
 */
async function rareInPlanner(db: Db, whole: RawBuilder<IdRow>, filter: SearchFilter, rareExpected: number): Promise<boolean> {
  const memo = rareMemos.get(db) ?? new Map<string, { rare: boolean; at: number }>();
  rareMemos.set(db, memo);
  const key = `${rareExpected} ${filter.language} ${tsQueryText(filter.terms)}`;
  const held = memo.get(key);
  if (held && Date.now() - held.at < PLANNER_MEMO_MS) return held.rare;
  const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`explain (format json) ${whole}`.execute(db);
  const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
  const expected = plan ? expectedFrom(plan, ginIndexOf(filter.language)) : null;
  const rare = expected !== null && expected < rareExpected;
  rememberBounded(memo, PLANNER_MEMO_ENTRIES, key, { rare, at: Date.now() });
  return rare;
}

/**
 * rareInPlanner's answers, per database handle: the filters do not change what the planner expects
 * of the GIN index (the partial index of the language, the words), so the key is the language and
 * the words. Autovacuum's ANALYZE (a tenth of a table changed) is minutes apart at the least.
 */
const rareMemos = new WeakMap<Db, Map<string, { rare: boolean; at: number }>>();
const PLANNER_MEMO_MS = 5 * 60_000;
const PLANNER_MEMO_ENTRIES = 2000;

/**
 * PostgreSQL's search. A word the planner expects in few rows of the language (rareInPlanner)
 * asks the GIN index over the whole archive, one statement outside any transaction. Otherwise the
 * walk (postgresWalk), a statement of its own (a common word needs no more), then window by window
 * (postgresSearch) in one transaction (windowsStart's settings). A window whose matches reach
 * CANDIDATES has the same newest CANDIDATES as the whole archive, so it gives the same answer;
 * otherwise a wider one, up to the whole archive.
 */
async function searchPostgres(db: Db, filter: SearchFilter, page: Page, now: string, walkRows: number, rareExpected: number): Promise<IdRow[]> {
  const whole = postgresSearch(filter, page, now, null, false);
  if (rareExpected === Infinity || (await rareInPlanner(db, whole, filter, rareExpected))) return (await whole.execute(db)).rows;
  const walked = (await postgresWalk(filter, page, now, walkRows).execute(db)).rows;
  const walkedMatches = matchesOf(walked, page);
  if ((walkedMatches ?? 0) >= CANDIDATES) return walked;
  return db.transaction().execute(async (trx) => {
    const { newestId, lowestWalked } = await windowsStart(trx, filter, now, walkRows);
    if (lowestWalked === null) return walked;
    let matches = walkedMatches;
    for (let size = newestId - lowestWalked + 1; ; ) {
      let next: number;
      if (matches === null) next = size * WINDOW_GROWTH;
      else if (matches === 0) next = newestId;
      else next = Math.max(size * 2, Math.ceil((size * CANDIDATES * WINDOW_MARGIN) / matches));
      const testEachRow = rowTestsCostLess(next, matches, size, newestId);
      size = next;
      const fromId = newestId - size > 0 ? newestId - size : null;
      const found = (await postgresSearch(filter, page, now, fromId, testEachRow && fromId !== null).execute(trx)).rows;
      matches = matchesOf(found, page);
      if (fromId === null || (matches ?? 0) >= CANDIDATES) return found;
    }
  });
}

/**
 * One page of a search: the ids of matching published articles, best first (relevance blended
 * with recency, ties newest id first), and how many there are (at most CANDIDATES; 0 when the page
 * is empty, past the end too). No searchable term: nothing. The page and the count come from one
 * statement (an empty page means page 1 of nothing or a page past the end). A page past
 * CANDIDATES is always empty, so it is not looked for. `paths` is for tests, which check that
 * PostgreSQL's answer is the same whichever way it is found: `walkRows`, how far the walk goes
 * before windows take over; `rareExpected`, below how many expected matches the walk is skipped
 * (0: never; Infinity: always, whatever the planner expects).
 */
export async function searchArticleIds(
  db: Db,
  kind: DialectKind,
  filter: SearchFilter,
  page: Page,
  now: string,
  paths: { walkRows?: number; rareExpected?: number } = {},
): Promise<{ ids: number[]; total: number }> {
  const { walkRows = WALK_ROWS, rareExpected = RARE_EXPECTED } = paths;
  const index = searchIndexOf(filter.language);
  if (index === null || safeTerms(filter.terms).length === 0 || page.offset >= CANDIDATES) return { ids: [], total: 0 };
  const rows = kind === 'sqlite' ? (await sqliteSearch(index, filter, page, now).execute(db)).rows : await searchPostgres(db, filter, page, now, walkRows, rareExpected);
  return { ids: rows.map((row) => Number(row.id)), total: Number(rows[0]?.total ?? 0) };
}

/** The body text of some articles, by id, for their snippets (callers pass ids a search found). */
export async function findPlainTexts(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('articles').select(['id', 'plain_text']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((row) => [row.id, row.plain_text]));
}
