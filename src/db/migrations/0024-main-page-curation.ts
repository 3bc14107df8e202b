import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Main Page curation (issue 11, item 2; ADR 0035). Every saved layout of a language's Main Page
 * (top story, breaking banner, blocks in order with their pins, and the pins of each section
 * page) is a revision, kept for ever so any can be restored. A revision goes live when it is
 * published (published_at); the live layout of a language is its most recently published
 * revision, so publishing never rewrites an older row and the history says who did what when.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('main_page_revisions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('restored_from', 'integer', (c) => c.references('main_page_revisions.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', timestamp)
    .execute();
  // A language's history, newest first, and its live revision (the newest published).
  await db.schema.createIndex('main_page_revisions_language_idx').on('main_page_revisions').columns(['language', 'id']).execute();
  await db.schema.createIndex('main_page_revisions_live_idx').on('main_page_revisions').columns(['language', 'published_at']).execute();
}
