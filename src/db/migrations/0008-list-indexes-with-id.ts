import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * The public lists' indexes end with the article id, the lists' tie-breaker (newest first, then
 * highest id). SQLite keys every index by rowid anyway; PostgreSQL's do not carry the primary key,
 * so there a list page sorted every row of the section and read each from the heap: 760 ms for a
 * deep page of a 15,000-article section at 100,000 articles. With id in the index it is a
 * backward index-only scan. The all-articles index also carries section_id: a section with
 * subsections lists several sections at once, and SQLite walks this index for that, which without
 * section_id in it read every article row (95 ms for a deep page of a parent section).
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.createIndex('articles_public_list_idx').on('articles').columns(['status', 'published_at', 'id', 'section_id']).execute();
  await db.schema.createIndex('articles_section_list_idx').on('articles').columns(['section_id', 'status', 'published_at', 'id']).execute();
  await db.schema.dropIndex('articles_status_published_idx').execute();
  await db.schema.dropIndex('articles_section_status_published_idx').execute();
}
