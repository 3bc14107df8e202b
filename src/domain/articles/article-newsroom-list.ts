import { sql, type SelectQueryBuilder } from 'kysely';
import type { DatabaseHandle, Db } from '#src/db/database.ts';
import type { ArticleStatus, Database } from '#src/db/schema.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { searchPattern, trigramPhrase } from '#src/lib/search-text.ts';
import type { ArticleSummary } from './article-json.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { articlePath, languagePrefix } from './public-paths.ts';
import { readScope } from './article-policy.ts';
import { latestReviews, type ReviewEntry } from './article-review.ts';

/** Filters of a newsroom article list. */
export type NewsroomListQuery = {
  /** One status; absent: every status but trashed. */
  status?: ArticleStatus;
  /** Text to find in the title or standfirst, in any case of any script (see lib/search-text.ts). */
  q?: string;
  /** Only articles in this language (a BCP 47 code). */
  language?: string;
  /** Only articles filed in this section or one of its subsections. */
  sectionId?: number;
  /** Only articles with this author in their byline. */
  authorId?: number;
  /** Page number from 1. */
  page: number;
  pageSize?: number;
  /** Only the actor's own articles (created or bylined), whatever their role: "my drafts". */
  mine?: boolean;
  /** Add each article's latest review step (for the review queue). */
  withReviewNote?: boolean;
};

/** A newsroom list row, with the latest review step when asked. */
export type NewsroomListItem = ArticleSummary & { review?: ReviewEntry };

/** Default rows per page of a newsroom list. */
export const NEWSROOM_PAGE_SIZE = 20;

/** Up to this many matches of a search, SQLite's page reads them by id; past it, the ordered scan of the covering list index finds a page sooner. */
export const INDEXED_SEARCH_LIMIT = 500;

/**
 * A search filtered by section, author or "mine" takes its matches from the trigram index when the
 * word has fewer than this many (a row read each: tens of ms at most); a commoner word is left to the
 * list's own scan, which stops at the page.
 */
const FILTERED_MATCH_LIMIT = 5000;

/**
 * A counted list total stops here: past it the newsroom says "more than 1,000" (the list pages on).
 * An exact count read every match (28–40 ms for a word in 2,000 of 100,000 articles; ADR 0075).
 */
export const NEWSROOM_COUNT_CAP = 1000;

/**
 * The ids of the articles whose search text holds the trigramPhrase, at most `limit`, from SQLite's
 * trigram index (migration 0010). A phrase MATCH of the trigram tokenizer is a substring match
 * answered from the index's positions, no row read; a GLOB re-read every candidate's text (30× slower).
 */
async function indexedSearchIds(db: Db, phrase: string, limit: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select rowid as id from articles_search_fts where articles_search_fts match ${phrase} limit ${limit}`.execute(db);
  return rows.map((row) => row.id);
}

/** The bylined author ids of each of `articleIds`, in byline order: one query for a whole page. */
async function bylinesOf(db: Db, articleIds: number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('article_authors')
    .select(['article_id', 'author_id'])
    .where('article_id', 'in', articleIds)
    .orderBy('article_id')
    .orderBy('position')
    .execute();
  for (const row of rows) result.set(row.article_id, [...(result.get(row.article_id) ?? []), row.author_id]);
  return result;
}

/**
 * The languages of each translation group among `originalIds` (the original's and its
 * translations', trashed ones left out), keyed by original id: one query for a whole page.
 */
async function groupLanguages(db: Db, originalIds: number[]): Promise<Map<number, string[]>> {
  const ids = [...new Set(originalIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'translation_of_id', 'language'])
    .where((eb) => eb.or([eb('id', 'in', ids), eb('translation_of_id', 'in', ids)]))
    .where('status', '!=', 'trashed')
    .execute();
  const groups = new Map<number, string[]>();
  for (const row of rows) {
    const key = row.translation_of_id ?? row.id;
    groups.set(key, [...(groups.get(key) ?? []), row.language]);
  }
  for (const languages of groups.values()) languages.sort();
  return groups;
}

/**
 * How many articles have `query.status` (absent: any but trashed) in `query.language` (absent: any),
 * from the counts triggers keep (migration 0028): counting them took ~28 ms at 100,000 articles.
 */
async function keptCount(db: Db, query: Pick<NewsroomListQuery, 'status' | 'language'>): Promise<number> {
  let counts = db.selectFrom('article_counts').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total'), eb.lit(0)).as('n'));
  counts = query.status ? counts.where('status', '=', query.status) : counts.where('status', '!=', 'trashed');
  if (query.language) counts = counts.where('language', '=', query.language);
  return Number((await counts.executeTakeFirstOrThrow()).n);
}

/** A newsroom list's query over `articles as a`, before its columns are chosen. */
type ArticleList = SelectQueryBuilder<Database & { a: Database['articles'] }, 'a', object>;

/** How many rows `list` has, counting no further than NEWSROOM_COUNT_CAP + 1 rows. */
async function cappedCount(db: Db, list: ArticleList): Promise<{ total: number; isTotalCapped: boolean }> {
  const counted = db.selectFrom(list.select('a.id').limit(NEWSROOM_COUNT_CAP + 1).as('m')).select((eb) => eb.fn.countAll<number>().as('n'));
  const n = Number((await counted.executeTakeFirstOrThrow()).n);
  return { total: Math.min(n, NEWSROOM_COUNT_CAP), isTotalCapped: n > NEWSROOM_COUNT_CAP };
}

/**
 * What a search reads: `listed` for its page, `counted` for its total, or `isOverCap` when the
 * total is known to pass the cap without a count; `empty` when nothing matches.
 */
type SearchReads = { kind: 'empty' } | { kind: 'reads'; listed: ArticleList; counted: ArticleList; isOverCap: boolean };

/**
 * How a search for `q` narrows `base`, the list's filters (`isEveryone`: only status and language
 * among them). PostgreSQL, and a query under three characters, test each row's folded text with
 * LIKE; SQLite asks its trigram index first and picks the cheaper read from what it finds (ADR 0075).
 */
async function searchReads(
  database: Pick<DatabaseHandle, 'db' | 'kind'>,
  base: ArticleList,
  query: Pick<NewsroomListQuery, 'status' | 'language'> & { q: string },
  isEveryone: boolean,
): Promise<SearchReads> {
  const db = database.db;
  // search_text holds title and standfirst folded the same way as the query (see article-derived.ts).
  const byText = base.where(sql<boolean>`a.search_text like ${searchPattern(query.q)} escape '\\'`);
  const phrase = trigramPhrase(query.q);
  if (database.kind !== 'sqlite' || phrase === undefined) return { kind: 'reads', listed: byText, counted: byText, isOverCap: false };
  // A plain search: nothing but "not trashed" narrows the matches, and at most `trashed` of them
  // are left out, so more than the cap plus those is over the cap without a row read.
  const isPlainSearch = isEveryone && !query.status && !query.language;
  const trashed = isPlainSearch ? await keptCount(db, { status: 'trashed' }) : 0;
  const matchIds = await indexedSearchIds(db, phrase, isPlainSearch ? NEWSROOM_COUNT_CAP + 1 + trashed : FILTERED_MATCH_LIMIT);
  if (matchIds.length === 0) return { kind: 'empty' };
  const byIds = base.where('a.id', 'in', matchIds);
  if (matchIds.length <= INDEXED_SEARCH_LIMIT) return { kind: 'reads', listed: byIds, counted: byIds, isOverCap: false };
  // Every match from the trigram index, without reading a row.
  const byEveryMatch = base.where('a.id', 'in', sql<number>`(select rowid from articles_search_fts where articles_search_fts match ${phrase})`);
  const counted = matchIds.length <= NEWSROOM_COUNT_CAP ? byIds : byEveryMatch;
  // More matches than a page: a plain search walks the list index in order and stops at the page.
  if (isPlainSearch) return { kind: 'reads', listed: byText, counted, isOverCap: matchIds.length > NEWSROOM_COUNT_CAP + trashed };
  // A filter by status and language alone has a kept count: where it leaves fewer articles than the
  // word has matches (scheduled articles, for a common word), testing their text is the shorter way.
  if (isEveryone && (await keptCount(db, query)) < matchIds.length) return { kind: 'reads', listed: byText, counted: byText, isOverCap: false };
  // Otherwise a filtered search takes every match from the index: the index of a status or language
  // filter would read each candidate's text, past the body, to test it (1.4-2.8 s at 100,000
  // articles). A section, author or "mine" filter with a common word keeps the list's scan, which
  // stops at the page (an author and "the": 46 ms, against 0.8 s by every match).
  if (isEveryone || matchIds.length < FILTERED_MATCH_LIMIT) return { kind: 'reads', listed: byEveryMatch, counted, isOverCap: false };
  return { kind: 'reads', listed: byText, counted: byText, isOverCap: false };
}

/** A page of a newsroom list and how many articles the list has: exact up to NEWSROOM_COUNT_CAP, else the cap with `isTotalCapped`. */
export type NewsroomList = { items: NewsroomListItem[]; total: number; isTotalCapped: boolean };

/** A page of articles in the actor's read scope (see readScope), most recently updated first. */
export async function listArticlesForNewsroom(database: Pick<DatabaseHandle, 'db' | 'kind'>, actor: Actor, query: NewsroomListQuery): Promise<NewsroomList> {
  const scope = readScope(actor);
  if (scope.kind === 'none') return { items: [], total: 0, isTotalCapped: false };
  const db: Db = database.db;
  const pageSize = query.pageSize ?? NEWSROOM_PAGE_SIZE;
  const isEveryone = scope.kind === 'all' && query.sectionId === undefined && query.authorId === undefined && !query.mine;
  let base = db.selectFrom('articles as a');
  base = query.status ? base.where('a.status', '=', query.status) : base.where('a.status', '!=', 'trashed');
  if (query.language) base = base.where('a.language', '=', query.language);
  if (query.sectionId !== undefined) base = base.where('a.section_id', 'in', sectionAndDescendants(await listSections(db), query.sectionId));
  if (query.authorId !== undefined) {
    const authorId = query.authorId;
    base = base.where((eb) => eb.exists(eb.selectFrom('article_authors as ba').select('ba.article_id').whereRef('ba.article_id', '=', 'a.id').where('ba.author_id', '=', authorId)));
  }
  if (query.mine && actor.kind === 'user') {
    const authorId = actor.authorId;
    base = base.where((eb) =>
      eb.or([
        eb('a.created_by', '=', actor.id),
        ...(authorId !== null
          ? [eb.exists(eb.selectFrom('article_authors as aa').select('aa.article_id').whereRef('aa.article_id', '=', 'a.id').where('aa.author_id', '=', authorId))]
          : []),
      ]),
    );
  }
  if (scope.kind === 'own-or-published') {
    base = base.where((eb) =>
      eb.or([
        eb('a.created_by', '=', scope.userId),
        eb('a.status', '=', 'published'),
        ...(scope.authorId !== null
          ? [
              eb.exists(
                eb
                  .selectFrom('article_authors as aa')
                  .select('aa.article_id')
                  .whereRef('aa.article_id', '=', 'a.id')
                  .where('aa.author_id', '=', scope.authorId),
              ),
            ]
          : []),
      ]),
    );
  }
  const search = searchPattern(query.q ?? '') === undefined ? undefined : await searchReads(database, base, { ...query, q: query.q ?? '' }, isEveryone);
  if (search?.kind === 'empty') return { items: [], total: 0, isTotalCapped: false };
  const listed = search?.listed ?? base;
  const { total, isTotalCapped } = search
    ? search.isOverCap
      ? { total: NEWSROOM_COUNT_CAP, isTotalCapped: true }
      : await cappedCount(db, search.counted)
    : isEveryone
      ? // Whom nothing but status and language narrows (an editor's first screen) reads the kept counts.
        { total: await keptCount(db, query), isTotalCapped: false }
      : await cappedCount(db, base);
  // The page's ids from the articles table alone (an index walk by updated_at), then their rows.
  const pageIds = listed
    .select('a.id')
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(pageSize)
    .offset((Math.max(1, query.page) - 1) * pageSize);
  const rows = await db
    .selectFrom('articles as a')
    .where('a.id', 'in', pageIds)
    .innerJoin('sections as s', 's.id', 'a.section_id')
    .leftJoin('term_translations as st', (join) => join.onRef('st.term_id', '=', 's.id').on('st.kind', '=', 'section').onRef('st.language', '=', 'a.language'))
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .select((eb) => [
      'a.id',
      'a.version',
      'a.status',
      'a.title',
      'a.slug',
      'a.section_id',
      'a.language',
      'a.translation_of_id',
      's.name as section_name',
      eb.fn.coalesce('st.slug', 's.slug').as('section_slug'),
      'a.word_count',
      'a.published_at',
      'a.scheduled_at',
      'a.updated_at',
      'a.created_by',
      'u.name as user_name',
    ])
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  const [reviews, groups, bylines, { defaultLanguage }] = await Promise.all([
    query.withReviewNote ? latestReviews(db, rows.map((r) => r.id)) : new Map<number, ReviewEntry>(),
    groupLanguages(db, rows.map((r) => r.translation_of_id ?? r.id)),
    bylinesOf(db, rows.map((r) => r.id)),
    loadSettings(db),
  ]);
  return {
    total,
    isTotalCapped,
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      status: r.status,
      title: r.title,
      slug: r.slug,
      sectionId: r.section_id,
      sectionName: r.section_name,
      language: r.language,
      translationOfId: r.translation_of_id,
      translationLanguages: (groups.get(r.translation_of_id ?? r.id) ?? []).filter((language) => language !== r.language),
      path: `${languagePrefix(r.language, defaultLanguage)}${articlePath({ sectionSlug: r.section_slug, slug: r.slug })}`,
      wordCount: r.word_count,
      publishedAt: r.published_at,
      scheduledAt: r.scheduled_at,
      updatedAt: r.updated_at,
      createdBy: r.created_by === null ? null : { id: r.created_by, name: r.user_name ?? '(deleted user)' },
      authorIds: bylines.get(r.id) ?? [],
      ...(reviews.has(r.id) ? { review: reviews.get(r.id)! } : {}),
    })),
  };
}
