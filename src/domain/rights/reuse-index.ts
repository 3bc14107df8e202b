import type { Db } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import {
  findIndexableArticle,
  listPublishedArticleIds,
  listStaleIndexedArticleIds,
  replaceArticleFingerprints,
  type OriginalRecord,
} from './fingerprint-repository.ts';
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
    const fingerprints = article ? fingerprintsOf(splitWords(originalText(article)).map((word) => word.hash)) : [];
    await replaceArticleFingerprints(tx, articleId, fingerprints);
    return article ? 'indexed' : 'removed';
  });
}

/** Rebuilds the whole index: every published article, then drops entries of articles no longer published. Answers how many were indexed. */
export async function reindexAll(db: Db, now: string = nowIso(), batch = 200): Promise<number> {
  let indexed = 0;
  for (let afterId = 0; ; ) {
    const ids = await listPublishedArticleIds(db, afterId, batch, now);
    if (ids.length === 0) break;
    for (const id of ids) if ((await reindexArticle(db, id, now)) === 'indexed') indexed++;
    afterId = ids[ids.length - 1]!;
  }
  for (const id of await listStaleIndexedArticleIds(db, now)) await reindexArticle(db, id, now);
  return indexed;
}
