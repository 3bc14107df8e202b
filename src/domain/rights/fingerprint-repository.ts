import { sql } from 'kysely';
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

/**
 * Makes `fingerprints` the article's whole entry in the index (none: the article leaves it), and
 * moves the document frequencies of the hashes it gained or lost. Hashes are written in sorted
 * order, so two articles re-indexed at once on PostgreSQL lock shared counters in the same order.
 */
export async function replaceArticleFingerprints(tx: Executor, articleId: number, fingerprints: readonly Fingerprint[]): Promise<void> {
  const before = new Set((await tx.selectFrom('reuse_fingerprints').select('hash').where('article_id', '=', articleId).execute()).map((row) => row.hash));
  const after = new Set(fingerprints.map((f) => f.hash));
  const lost = [...before].filter((hash) => !after.has(hash)).sort((a, b) => a - b);
  const gained = [...after].filter((hash) => !before.has(hash)).sort((a, b) => a - b);
  await tx.deleteFrom('reuse_fingerprints').where('article_id', '=', articleId).execute();
  for (const part of chunks(fingerprints)) {
    await tx
      .insertInto('reuse_fingerprints')
      .values(part.map((f) => ({ hash: f.hash, article_id: articleId, position: f.position })))
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

/** Ids of published articles after `afterId`, in id order: the pages of a full re-index. */
export async function listPublishedArticleIds(db: Executor, afterId: number, limit: number, now: string): Promise<number[]> {
  const rows = await db.selectFrom('articles').select('id').where(publishedScope(now)).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((row) => row.id);
}

/**
 * Rebuilds the whole index from `batches` (each an array of articles' fingerprints) inside the
 * caller's transaction: rows go to a temporary table as they come, then into the index sorted by
 * hash, and the document frequencies are counted from the result. Inserting in key order appends to
 * the B-trees instead of touching a random page per row, which is what makes 100,000 articles
 * take minutes rather than hours. Readers see the old index until the transaction commits.
 */
export async function rebuildFingerprints(
  tx: Executor,
  batches: AsyncIterable<Array<{ articleId: number; fingerprints: readonly Fingerprint[] }>>,
  dialect: 'sqlite' | 'postgres',
): Promise<void> {
  await sql`create temp table reuse_fingerprints_build (hash integer not null, article_id integer not null, position integer not null) ${dialect === 'postgres' ? sql`on commit drop` : sql``}`.execute(tx);
  try {
    for await (const batch of batches) {
      const rows = batch.flatMap(({ articleId, fingerprints }) => fingerprints.map((f) => sql`(${f.hash}, ${articleId}, ${f.position})`));
      for (const part of chunks(rows, 300)) await sql`insert into reuse_fingerprints_build (hash, article_id, position) values ${sql.join(part)}`.execute(tx);
    }
    await tx.deleteFrom('reuse_fingerprints').execute();
    await tx.deleteFrom('reuse_hash_counts').execute();
    await sql`insert into reuse_fingerprints (hash, article_id, position) select hash, article_id, position from reuse_fingerprints_build order by hash, article_id`.execute(tx);
    await sql`insert into reuse_hash_counts (hash, articles) select hash, count(*) from reuse_fingerprints group by hash order by hash`.execute(tx);
  } finally {
    if (dialect === 'sqlite') await sql`drop table if exists temp.reuse_fingerprints_build`.execute(tx);
  }
}

/** How big the index is: fingerprint rows, distinct hashes and articles indexed. */
export async function countIndex(db: Executor): Promise<{ fingerprints: number; hashes: number; articles: number }> {
  const [fingerprints, hashes, articles] = await Promise.all([
    db.selectFrom('reuse_fingerprints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('reuse_hash_counts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('reuse_fingerprints').select((eb) => eb.fn.count<number>('article_id').distinct().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { fingerprints: Number(fingerprints.n), hashes: Number(hashes.n), articles: Number(articles.n) };
}
