import { sql } from 'kysely';
import type { DatabaseHandle, Executor } from '#src/db/database.ts';
import { insertArticles, reserveArticleIds, type NewArticle } from '#src/domain/articles/article-repository.ts';

/**
 * How the synthetic seed's batches reach the database. `write` takes the next batch (in publication
 * order) and answers when the writer is ready for another; `finish` when every batch is written.
 * `written` hears of each batch, in order, once its articles are committed, with their new ids.
 */
export type BatchWriter = {
  write(batch: NewArticle[]): Promise<void>;
  finish(): Promise<void>;
};
type Written = (ids: number[]) => void;

/** The writer that suits the database: SQLite has one writer; PostgreSQL writes on one connection per language. */
export function syntheticBatchWriter(database: DatabaseHandle, written: Written): BatchWriter {
  return database.kind === 'postgres' ? languageLanes(database.db, written) : oneAfterAnother(database.db, written);
}

/** One transaction per batch, each waited for: SQLite's one connection writes them in turn anyway. */
function oneAfterAnother(db: DatabaseHandle['db'], written: Written): BatchWriter {
  return {
    write: async (batch) => written(await db.transaction().execute((tx) => insertArticles(tx, batch))),
    finish: async () => {},
  };
}

/** Batches written ahead of the generator at most: bounded memory, and work queued for every lane. */
const BATCHES_IN_FLIGHT = 2;

/**
 * PostgreSQL: each language's articles on a connection of their own, in their own transactions, so
 * the server works on two or three at once while this process writes the next batch (the search
 * vectors and TOAST compression it computes are most of a seed's time). Languages, not halves of a
 * batch: the count triggers update one row per status and language (article_counts, migration 0028)
 * and per month and language (article_month_counts, migration 0036), held to the commit, which two
 * transactions of one language would wait on each other for (before 0036 the month rows were shared
 * by every language, and the lanes ran one after another). The ids are reserved in publication
 * order first, so they still follow it across the lanes.
 */
function languageLanes(db: DatabaseHandle['db'], written: Written): BatchWriter {
  const lanes = new Map<string, Promise<unknown>>();
  const inFlight: Array<Promise<void>> = [];
  let hasLz4: boolean | undefined;
  const insertPart = (part: NewArticle[]) =>
    db.transaction().execute(async (tx) => {
      if (hasLz4) await sql`set local default_toast_compression = 'lz4'`.execute(tx);
      // Commits need not wait for their WAL to reach the disk: a crash loses the last batches at most,
      // never a batch's half; the seed's last transaction (the reuse index job) commits synchronously,
      // which flushes every one before it (ADR 0061).
      await sql`set local synchronous_commit = off`.execute(tx);
      return insertArticles(tx, part);
    });
  return {
    async write(batch) {
      hasLz4 ??= await supportsLz4(db);
      while (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
      const ids = await reserveArticleIds(db, batch.length);
      const byLanguage = new Map<string, NewArticle[]>();
      batch.forEach((article, index) => {
        const language = article.fields.language;
        if (!byLanguage.has(language)) byLanguage.set(language, []);
        byLanguage.get(language)!.push({ ...article, id: ids[index]! });
      });
      const parts = [...byLanguage].map(([language, part]) => {
        const done = (lanes.get(language) ?? Promise.resolve()).then(() => insertPart(part));
        lanes.set(language, done);
        return done;
      });
      const batchDone = Promise.all(parts).then(() => written(ids));
      // Awaited in turn later; a failure meanwhile must not count as unhandled.
      batchDone.catch(() => {});
      inFlight.push(batchDone);
    },
    async finish() {
      while (inFlight.length > 0) await inFlight.shift();
    },
  };
}

/**
 * Whether this PostgreSQL can compress TOAST values (bodies, plain texts, search documents) with
 * LZ4 rather than its default pglz: several times faster to compress (pglz was a sixth of the
 * server's time in a seed) and to read back; the rows are the same, and PostgreSQL reads either
 * kind. A server built without LZ4 keeps pglz.
 */
async function supportsLz4(db: Executor): Promise<boolean> {
  const { rows } = await sql<{ found: number }>`select 1 as found from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
  return rows.length > 0;
}
