import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * The rights desk's reuse checker (issue 10, ADR 0028).
 *
 * - `reuse_fingerprints`: the winnowed word k-gram hashes of every published article (hash,
 *   article, first word's position), one row per distinct hash of an article. Its primary key
 *   starts with the hash: a check looks candidates up by hash and never scans the articles. On
 *   SQLite the table is WITHOUT ROWID, so the key is the table (one B-tree, not a table and an index).
 * - `reuse_hash_counts`: in how many articles each hash occurs (document frequency), kept in step
 *   with the fingerprints; a hash in too many articles is a common phrase and is not looked up.
 * - `reuse_policy`: the republication policy's rules beside the share of the original that the site
 *   settings already hold (`site_settings.reuse_share_percent`, which the public notice shows).
 *
 * Existing published articles are indexed by a queued job (`rights.reindex-all`), not here: the
 * fingerprints come from code (the word folding) that a migration should not freeze.
 */
export async function up(db: Kysely<unknown>, { kind, timestamp }: MigrationContext): Promise<void> {
  let fingerprints = db.schema
    .createTable('reuse_fingerprints')
    .addColumn('hash', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reuse_fingerprints_pk', ['hash', 'article_id']);
  if (kind === 'sqlite') fingerprints = fingerprints.modifyEnd(sql`without rowid`);
  await fingerprints.execute();
  // Re-indexing one article deletes its rows.
  await db.schema.createIndex('reuse_fingerprints_article_idx').on('reuse_fingerprints').column('article_id').execute();

  let counts = db.schema
    .createTable('reuse_hash_counts')
    .addColumn('hash', 'integer', (c) => c.primaryKey())
    .addColumn('articles', 'integer', (c) => c.notNull());
  if (kind === 'sqlite') counts = counts.modifyEnd(sql`without rowid`);
  await counts.execute();

  await db.schema
    .createTable('reuse_policy')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('max_text_share_percent', 'integer')
    .addColumn('link_required', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('link_to_article', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('link_indexable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('link_placement', 'text', (c) => c.notNull().defaultTo('anywhere'))
    .addColumn('full_needs_licence', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  await sql`insert into reuse_policy (id, updated_at) values (1, ${now})`.execute(db);
  await sql`insert into jobs (kind, payload, run_at, attempts, created_at) values ('rights.reindex-all', '{}', ${now}, 0, ${now})`.execute(db);
}
