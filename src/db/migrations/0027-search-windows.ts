import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Readers' search on PostgreSQL reads only the newest matches (issue 9, item 4; ADR 0038): it looks
 * for its words in a window of the newest article ids, widened until it holds the 1,000 matches
 * that are ranked (domain/search/search-repository.ts), so a word found in every article no longer
 * reads every one of them.
 *
 * - `article_search_documents_window_idx` (language, article_id, section_id, published_at): the
 *   window of one language as a bitmap (which PostgreSQL may AND with the GIN index's). Every
 *   filter of a search is a column of it, checked inside the index.
 * - The tsvector moves into the row (storage `main`: compressed if that pays, out of line only if
 *   the row cannot fit a page). The first window tests each of its rows' vectors, and ranking reads
 *   the vector of each of the 1,000 candidates: out of line that was a TOAST index lookup and about
 *   three chunks per vector, the slowest part of a search. Title, standfirst and body stay out of
 *   line (toast_tuple_target 128, migration 0015).
 * - CLUSTER on that index rewrites the table once, so the rows already there take the new storage
 *   (a change of storage applies to rows written after it) and each language's rows lie in id
 *   order, the order the windows read. Rows written later arrive in id order anyway. It locks the
 *   table while it runs: about 25 s for 100,000 articles here.
 *
 * SQLite needs nothing: FTS5 already walks matches newest id first and stops at the limit.
 */
export async function up(db: Kysely<unknown>, context: MigrationContext): Promise<void> {
  if (context.kind !== 'postgres') return;
  await db.schema
    .createIndex('article_search_documents_window_idx')
    .on('article_search_documents')
    .columns(['language', 'article_id', 'section_id', 'published_at'])
    .execute();
  await sql`alter table article_search_documents alter column search_vector set storage main`.execute(db);
  await sql`cluster article_search_documents using article_search_documents_window_idx`.execute(db);
}
