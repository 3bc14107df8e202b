import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/** Articles whose fingerprints are read and written back per step of the backfill: bounded memory. */
const ARTICLES_PER_STEP = 1000;

/**
 * The reuse index rebuilt in short transactions (issue 13, ADR 0057).
 *
 * - `reuse_article_hashes`: each indexed article's fingerprint hashes (a blob of 32-bit signed
 *   integers, little-endian, ascending), one row per article. Re-indexing an article reads its old
 *   hashes here; this replaces the index on `reuse_fingerprints (article_id)`, whose entries a
 *   rebuild writing the fingerprints in hash order inserted at random places (most of the time of a
 *   full rebuild at 100,000 articles). An article's fingerprints go with it through this table's
 *   cascade; `reuse_fingerprints` loses its own reference to articles (a check of every row written,
 *   on PostgreSQL a trigger call per row), which no code path needed: hits are resolved through the
 *   published articles.
 * - `reuse_index_rebuild`: the lease of the one rebuild running (started, last heartbeat).
 *
 * The fingerprints already indexed stay: their per-article hashes are copied here.
 */
export async function up(db: Kysely<unknown>, { kind, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('reuse_article_hashes')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('hashes', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addForeignKeyConstraint('reuse_article_hashes_article_fk', ['article_id'], 'articles', ['id'], (c) => c.onDelete('cascade'))
    .execute();
  await db.schema
    .createTable('reuse_index_rebuild')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('started_at', timestamp, (c) => c.notNull())
    .addColumn('beat_at', timestamp, (c) => c.notNull())
    .execute();

  const { rows: indexed } = await sql<{ article_id: number }>`select distinct article_id from reuse_fingerprints order by article_id`.execute(db);
  for (let start = 0; start < indexed.length; start += ARTICLES_PER_STEP) {
    const ids = indexed.slice(start, start + ARTICLES_PER_STEP).map((row) => row.article_id);
    const { rows } = await sql<{ article_id: number; hash: number }>`select article_id, hash from reuse_fingerprints
        where article_id in (${sql.join(ids)}) order by article_id, hash`.execute(db);
    const byArticle = new Map<number, number[]>();
    for (const row of rows) {
      if (!byArticle.has(row.article_id)) byArticle.set(row.article_id, []);
      byArticle.get(row.article_id)!.push(row.hash);
    }
    const values = [...byArticle].map(([id, hashes]) => {
      const blob = Buffer.alloc(hashes.length * 4);
      hashes.forEach((hash, index) => blob.writeInt32LE(hash, index * 4));
      return sql`(${id}, ${blob})`;
    });
    for (let from = 0; from < values.length; from += 200) {
      await sql`insert into reuse_article_hashes (article_id, hashes) values ${sql.join(values.slice(from, from + 200))}`.execute(db);
    }
  }

  if (kind === 'postgres') {
    await sql`alter table reuse_fingerprints drop constraint reuse_fingerprints_article_id_fkey`.execute(db);
    await sql`drop index reuse_fingerprints_article_idx`.execute(db);
    return;
  }
  // SQLite cannot drop a table's reference: the table is made again without it, rows copied in key order.
  await sql`create table reuse_fingerprints_0035 (hash integer not null, article_id integer not null, position integer not null,
      constraint reuse_fingerprints_pk primary key (hash, article_id)) without rowid`.execute(db);
  await sql`insert into reuse_fingerprints_0035 (hash, article_id, position) select hash, article_id, position from reuse_fingerprints order by hash, article_id`.execute(db);
  await sql`drop table reuse_fingerprints`.execute(db);
  await sql`alter table reuse_fingerprints_0035 rename to reuse_fingerprints`.execute(db);
}
