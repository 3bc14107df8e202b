import type { DatabaseHandle, Db } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import {
  findIndexableArticle,
  findOriginals,
  listPublishedArticleIds,
  rebuildFingerprints,
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
    const fingerprints = article ? originalFingerprints(article) : [];
    await replaceArticleFingerprints(tx, articleId, fingerprints);
    return article ? 'indexed' : 'removed';
  });
}

/** The fingerprints of an original's text. */
export function originalFingerprints(article: Pick<OriginalRecord, 'title' | 'standfirst' | 'plainText'>) {
  return fingerprintsOf(splitWords(originalText(article)).map((word) => word.hash));
}

/** Rebuilds the whole index from every article readers can see now (one transaction); answers how many were indexed. */
export async function reindexAll(database: Pick<DatabaseHandle, 'db' | 'kind'>, now: string = nowIso(), batch = 500): Promise<number> {
  let indexed = 0;
  await database.db.transaction().execute(async (tx) => {
    async function* batches() {
      for (let afterId = 0; ; ) {
        const ids = await listPublishedArticleIds(tx, afterId, batch, now);
        if (ids.length === 0) return;
        const originals = await findOriginals(tx, ids, now);
        indexed += originals.length;
        yield originals.map((original) => ({ articleId: original.id, fingerprints: originalFingerprints(original) }));
        afterId = ids[ids.length - 1]!;
      }
    }
    await rebuildFingerprints(tx, batches(), database.kind);
  });
  return indexed;
}
