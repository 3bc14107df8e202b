import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * The index of translations by their original holds translations only. Most articles are
 * originals (translation_of_id null); in the whole-column index they were one huge key, and
 * SQLite's per-index statistics (sqlite_stat1, averages only since ADR 0043) then rated a lookup
 * of one group as a read of most of the table, and walked every published article instead. An
 * index of the non-null values is rated by the groups alone; `translation_of_id = ?` and `in (…)`
 * imply non-null, so every query that used the old index uses this one (on PostgreSQL too).
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  await db.schema.dropIndex('articles_translation_of_idx').execute();
  await sql`create index articles_translation_of_idx on articles (translation_of_id) where translation_of_id is not null`.execute(db);
  // Its row counts now (it holds the translations only: quick), as its siblings have them (ADR 0041).
  if (context.kind === 'sqlite') await sql`analyze articles_translation_of_idx`.execute(db);
}
