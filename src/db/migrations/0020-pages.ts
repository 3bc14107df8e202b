import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Static pages (issue 12, item 1): "About", "Contacts", "Terms" — a title and a body of the same
 * blocks as articles, at the site root (/about) or one level under another page (/about/team), in
 * one of the site's languages, optionally placed in the header or footer menu. `path` is the page's
 * address below its language's prefix without the leading slash ('about/team'): derived from the
 * parent's slug and the page's own, kept in step by the service, and unique per language so an
 * address names one page on both databases (a unique index over a nullable parent_id would not:
 * NULLs are distinct). Revisions snapshot the editable fields as article revisions do.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('pages')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('pages.id').onDelete('restrict'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('plain_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('status_before_trash', 'text')
    .addColumn('menu', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('menu_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', timestamp)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  // One page per address and language; the public route looks pages up by it.
  await db.schema.createIndex('pages_language_path_idx').on('pages').columns(['language', 'path']).unique().execute();
  // Every public page's header and footer: a language's published pages in a menu, in order.
  await db.schema.createIndex('pages_menu_idx').on('pages').columns(['language', 'menu', 'status', 'menu_order', 'id']).execute();
  // Root slugs are checked against sections (and sections against them).
  await db.schema.createIndex('pages_slug_idx').on('pages').columns(['slug', 'parent_id']).execute();
  await db.schema.createIndex('pages_parent_idx').on('pages').columns(['parent_id']).execute();

  await db.schema
    .createTable('page_revisions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_revisions_page_idx').on('page_revisions').columns(['page_id', 'id']).execute();
}
