import type { Executor } from '#src/db/database.ts';
import { publishedScope } from '#src/domain/articles/published-article-repository.ts';
import type { Fingerprint } from './winnowing.ts';

/** Rows written per INSERT: well under SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** An article's fingerprint hashes as reuse_article_hashes stores them: 32-bit signed integers, ascending, little-endian. */
export function encodeHashes(hashes: readonly number[]): Uint8Array {
  const sorted = Int32Array.from(hashes).sort();
  // A Buffer: what both drivers bind as a blob (bytea).
  const blob = Buffer.alloc(sorted.length * 4);
  sorted.forEach((hash, index) => blob.writeInt32LE(hash, index * 4));
  return blob;
}

/** The hashes of a stored blob (encodeHashes), ascending. */
export function decodeHashes(blob: Uint8Array): number[] {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  return Array.from({ length: blob.byteLength >> 2 }, (_, index) => view.getInt32(index * 4, true));
}

/**
 * Makes `fingerprints` the article's whole entry in the index (none: the article leaves it), and
 * moves the document frequencies of the hashes it gained or lost. The hashes it had come from
 * reuse_article_hashes (its rows in reuse_fingerprints are found by their key, hash first). Hashes
 * are written in sorted order, so two articles re-indexed at once on PostgreSQL lock shared
 * counters in the same order.
 */
export async function replaceArticleFingerprints(tx: Executor, articleId: number, fingerprints: readonly Fingerprint[]): Promise<void> {
  const stored = await tx.selectFrom('reuse_article_hashes').select('hashes').where('article_id', '=', articleId).executeTakeFirst();
  const had = stored ? decodeHashes(stored.hashes) : [];
  const before = new Set(had);
  const after = new Set(fingerprints.map((f) => f.hash));
  const lost = [...before].filter((hash) => !after.has(hash)).sort((a, b) => a - b);
  const gained = [...after].filter((hash) => !before.has(hash)).sort((a, b) => a - b);
  for (const part of chunks(had)) await tx.deleteFrom('reuse_fingerprints').where('article_id', '=', articleId).where('hash', 'in', part).execute();
  for (const part of chunks(fingerprints)) {
    await tx
      .insertInto('reuse_fingerprints')
      .values(part.map((f) => ({ hash: f.hash, article_id: articleId, position: f.position })))
      .execute();
  }
  if (fingerprints.length === 0) await tx.deleteFrom('reuse_article_hashes').where('article_id', '=', articleId).execute();
  else {
    const hashes = encodeHashes([...after]);
    await tx
      .insertInto('reuse_article_hashes')
      .values({ article_id: articleId, hashes })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ hashes }))
      .execute();
  }
  for (const part of chunks(lost)) {
    await tx.updateTable('reuse_hash_counts').set((eb) => ({ articles: eb('articles', '-', 1) })).where('hash', 'in', part).execute();
  }
  for (const part of chunks(lost)) await tx.deleteFrom('reuse_hash_counts').where('articles', '<=', 0).where('hash', 'in', part).execute();
  for (const part of chunks(gained)) {
    await tx
      .insertInto('reuse_hash_counts')
      .values(part.map((hash) => ({ hash, articles: 1 })))
      .onConflict((oc) => oc.column('hash').doUpdateSet((eb) => ({ articles: eb(eb.ref('reuse_hash_counts.articles'), '+', 1) })))
      .execute();
  }
}

/** The articles holding each of `hashes`, skipping hashes found in more than `maxArticles` articles (common phrases). */
export async function findFingerprintHits(db: Executor, hashes: readonly number[], maxArticles: number): Promise<Array<{ hash: number; articleId: number }>> {
  const hits: Array<{ hash: number; articleId: number }> = [];
  for (const part of chunks(hashes)) {
    const rows = await db
      .selectFrom('reuse_hash_counts')
      .innerJoin('reuse_fingerprints', 'reuse_fingerprints.hash', 'reuse_hash_counts.hash')
      .select(['reuse_fingerprints.hash', 'reuse_fingerprints.article_id'])
      .where('reuse_hash_counts.hash', 'in', part)
      .where('reuse_hash_counts.articles', '<=', maxArticles)
      .execute();
    for (const row of rows) hits.push({ hash: row.hash, articleId: row.article_id });
  }
  return hits;
}

/** What the checker compares and reports of an original: its texts as a reader sees them, and where it lives. */
export type OriginalRecord = {
  id: number;
  title: string;
  standfirst: string;
  plainText: string;
  language: string;
  sectionId: number;
  slug: string;
};

function originalQuery(db: Executor, now: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'title', 'standfirst', 'plain_text', 'language', 'section_id', 'slug'])
    .where(publishedScope(now));
}

function toOriginal(row: { id: number; title: string; standfirst: string; plain_text: string; language: string; section_id: number; slug: string }): OriginalRecord {
  return { id: row.id, title: row.title, standfirst: row.standfirst, plainText: row.plain_text, language: row.language, sectionId: row.section_id, slug: row.slug };
}

/** Published articles by id (readers' scope): the candidates a check aligns against. */
export async function findOriginals(db: Executor, ids: readonly number[], now: string): Promise<OriginalRecord[]> {
  if (ids.length === 0) return [];
  return (await originalQuery(db, now).where('id', 'in', ids).execute()).map(toOriginal);
}

/** One article if readers can see it now; undefined otherwise (a draft, trashed, or not yet due). */
export async function findIndexableArticle(db: Executor, id: number, now: string): Promise<OriginalRecord | undefined> {
  const row = await originalQuery(db, now).where('id', '=', id).executeTakeFirst();
  return row ? toOriginal(row) : undefined;
}

/**
 * The articles readers can see at `now` among ids (afterId, lastId], in id order, with when each
 * last changed: the pages of a full rebuild (which re-indexes afterwards those changed since).
 * A range of ids, not "the next N after": SQLite would take that from the (status, published_at)
 * index, reading and sorting every published article after afterId for each page.
 */
export async function listIndexableArticles(db: Executor, afterId: number, lastId: number, now: string): Promise<Array<OriginalRecord & { updatedAt: string }>> {
  const rows = await originalQuery(db, now).select('updated_at').where('id', '>', afterId).where('id', '<=', lastId).orderBy('id').execute();
  return rows.map((row) => ({ ...toOriginal(row), updatedAt: row.updated_at }));
}

/** The highest article id (0 when there are none): where a rebuild's pages of ids end. */
export async function findLastArticleId(db: Executor): Promise<number> {
  const { last } = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('last')).executeTakeFirstOrThrow();
  return Number(last ?? 0);
}

/** How big the index is: fingerprint rows, distinct hashes and articles indexed. */
export async function countIndex(db: Executor): Promise<{ fingerprints: number; hashes: number; articles: number }> {
  const [fingerprints, hashes, articles] = await Promise.all([
    db.selectFrom('reuse_fingerprints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('reuse_hash_counts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('reuse_article_hashes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { fingerprints: Number(fingerprints.n), hashes: Number(hashes.n), articles: Number(articles.n) };
}
