import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/** The languages with a GIN index of their own (migration 0034), when this migration was written. */
const INDEXED_LANGUAGES = ['en', 'kk', 'ru'] as const;

/**
 * The most a GIN index's list of entries not yet merged into it may hold, in kB (PostgreSQL's
 * least; its default is 4 MB).
 */
export const PENDING_LIST_KB = 64;

/**
 * PostgreSQL's search indexes keep a short list of pending entries (ADR 0062). A GIN index adds new
 * entries to a pending list and merges them into its tree only when the list passes
 * gin_pending_list_limit (4 MB) or VACUUM runs; until then every search of the index reads the
 * whole list. At 100,000 articles a seeded install's three indexes held 3–4 MB each (380–500
 * pages), so every search that asked the index (a rare word's window, a word absent from the
 * language) read them: 2.4 ms at best for a word with no entry, 5–13 ms of a 14–25 ms "museum"
 * window. Autovacuum would empty them, but only every tens of thousands of new articles, and not at
 * all where it is off. A 64 kB list keeps writes batched (a bulk insert merges a few documents at a
 * time) and costs a search eight pages at most. The entries pending now are merged here.
 * SQLite's FTS5 indexes have no such list.
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  if (kind !== 'postgres') return;
  for (const language of INDEXED_LANGUAGES) {
    const index = sql.raw(`article_search_documents_vector_${language}_idx`);
    await sql`alter index ${index} set (gin_pending_list_limit = ${sql.raw(String(PENDING_LIST_KB))})`.execute(db);
    await sql`select gin_clean_pending_list(${sql.lit(`article_search_documents_vector_${language}_idx`)}::regclass)`.execute(db);
  }
}
