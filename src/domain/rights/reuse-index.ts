import type { DatabaseHandle, Db } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { findIndexableArticle, findLastArticleId, listIndexableArticles, replaceArticleFingerprints, type OriginalRecord } from './fingerprint-repository.ts';
import { beginRebuild, END_BUCKET, finishRebuild, FIRST_BUCKET, moveStaged, stageArticles, swapRebuilt } from './reuse-index-build.ts';
import { splitWords } from './reuse-words.ts';
import { fingerprintsOf } from './winnowing.ts';

/**
 * The reuse index: the fingerprints of every article readers can see, kept current by a queued job
 * after each article event (jobs/rights-jobs.ts), so a check looks candidates up by hash.
 */

/** An original's text as a reader sees it on its page: title, standfirst and body (figure captions included), a blank line between. */
export function originalText(article: Pick<OriginalRecord, 'title' | 'standfirst' | 'plainText'>): string {
  return [article.title, article.standfirst, article.plainText].filter((part) => part.trim() !== '').join('\n\n');
}

/** Brings one article's entry up to date: its fingerprints while readers can see it, none otherwise. */
export async function reindexArticle(db: Db, articleId: number, now: string = nowIso()): Promise<'indexed' | 'removed'> {
  return db.transaction().execute(async (tx) => {
    const article = await findIndexableArticle(tx, articleId, now);
    const fingerprints = article ? originalFingerprints(article) : [];
    await replaceArticleFingerprints(tx, articleId, fingerprints);
    return article ? 'indexed' : 'removed';
  });
}

/** The fingerprints of an original's text. */
export function originalFingerprints(article: Pick<OriginalRecord, 'title' | 'standfirst' | 'plainText'>) {
  return fingerprintsOf(splitWords(originalText(article)).map((word) => word.hash));
}

/** Article ids read, fingerprinted and staged per transaction of a rebuild (fewer articles where ids have gaps). */
const ARTICLES_PER_BATCH = 50;
/** Fingerprint rows moved into the rebuilt index per transaction (about this many: whole buckets). */
const ROWS_PER_MOVE = 20_000;
/**
 * How far before its start a rebuild looks for changed articles afterwards: a change made in a
 * transaction that took its time (`updated_at` is set before the commit) or by a process whose
 * clock runs a little behind. An article re-indexed twice costs little.
 */
const CHANGES_MARGIN_MS = 60_000;

/** What a full rebuild may be told: the instant it indexes at, its batch size, and a hook between batches (tests). */
export type RebuildOptions = { now?: string; articlesPerBatch?: number; rowsPerMove?: number; betweenBatches?: () => Promise<void> };

/**
 * Rebuilds the whole index from every article readers can see, in many short transactions with a
 * turn of the event loop after each, so a serving process keeps answering (ADR 0057): the articles
 * are fingerprinted into staging tables, the rebuilt tables swapped in at once (checks read the old
 * index until then), and the articles changed meanwhile re-indexed one by one. Throws
 * RebuildRunning while another rebuild holds the lease. Answers how many articles were indexed.
 */
export async function reindexAll(database: Pick<DatabaseHandle, 'db' | 'kind'>, options: RebuildOptions = {}): Promise<number> {
  const startedAt = options.now ?? nowIso();
  const perBatch = options.articlesPerBatch ?? ARTICLES_PER_BATCH;
  const pause = async () => {
    await nextTurn();
    await options.betweenBatches?.();
  };
  await beginRebuild(database, startedAt);
  try {
    const since = new Date(Date.parse(startedAt) - CHANGES_MARGIN_MS).toISOString();
    // Staged articles that changed lately, with the change staged: those changed again are re-indexed after the swap.
    const recent = new Map<number, string>();
    let indexed = 0;
    let rows = 0;
    // Articles added from here on have higher ids: they are re-indexed with the other changes.
    const lastId = await findLastArticleId(database.db);
    for (let afterId = 0; afterId < lastId; afterId += perBatch) {
      const articles = await listIndexableArticles(database.db, afterId, Math.min(afterId + perBatch, lastId), startedAt);
      if (articles.length === 0) continue;
      for (const article of articles) if (article.updatedAt >= since) recent.set(article.id, article.updatedAt);
      rows += await stageArticles(
        database,
        startedAt,
        articles.map((article) => ({ articleId: article.id, fingerprints: originalFingerprints(article) })),
      );
      indexed += articles.length;
      await pause();
    }
    // Whole buckets per move, as many as hold about rowsPerMove rows (hashes spread evenly over them).
    const bucketsPerMove = Math.max(1, Math.floor(((END_BUCKET - FIRST_BUCKET) * (options.rowsPerMove ?? ROWS_PER_MOVE)) / Math.max(rows, 1)));
    for (let from = FIRST_BUCKET; from < END_BUCKET; from += bucketsPerMove) {
      await moveStaged(database, startedAt, from, Math.min(from + bucketsPerMove, END_BUCKET));
      await pause();
    }
    await swapRebuilt(database, startedAt);
    await finishRebuild(database, startedAt);
    await reindexChangedSince(database.db, since, startedAt, recent);
    return indexed;
  } catch (error) {
    await finishRebuild(database, startedAt).catch(() => {});
    throw error;
  }
}

/**
 * Re-indexes, one by one, the articles changed since `since` (published, edited, unpublished,
 * trashed, or come due) that the rebuild did not stage in their present state: it staged what
 * readers saw at `startedAt`, and their own re-index jobs may have run on the tables it replaced.
 */
async function reindexChangedSince(db: Db, since: string, startedAt: string, staged: ReadonlyMap<number, string>): Promise<void> {
  const now = nowIso();
  const changed = await db
    .selectFrom('articles')
    .select(['id', 'updated_at'])
    // Each branch from an index alone: articles_updated_idx (updated_at, id, …), articles_published_idx (status, published_at, id).
    .where((eb) => eb.or([eb('updated_at', '>=', since), eb.and([eb('status', '=', 'published'), eb('published_at', '>', startedAt), eb('published_at', '<=', now)])]))
    .execute();
  // Sorted here: an ORDER BY id made SQLite scan the articles instead of the two indexes.
  changed.sort((a, b) => a.id - b.id);
  for (const article of changed) {
    if (staged.get(article.id) === article.updated_at) continue;
    await reindexArticle(db, article.id, now);
    await nextTurn();
  }
}
