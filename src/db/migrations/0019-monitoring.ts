import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Monitoring of outside copies (issue 10, item 5). A watch source is a feed, a sitemap or a page
 * the rights desk polls on its own interval, keeping what conditional GET needs (ETag,
 * Last-Modified) and how its last poll went. Each page a source led to is a watched item, so only
 * new items are fetched and checked. A finding is one outside page reusing one of our articles
 * against the policy (or under a licence): its shares, link and verdict and the matched passages
 * as evidence, captured when it was first seen and kept whatever the page does later, with a
 * status the desk moves (who and when kept). Findings outlive their source (set null) but not
 * their article.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('watch_sources')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('poll_interval_minutes', 'integer', (c) => c.notNull())
    .addColumn('next_poll_at', timestamp)
    .addColumn('last_polled_at', timestamp)
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('watch_items')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('watch_sources.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('first_seen_at', timestamp, (c) => c.notNull())
    .addColumn('checked_at', timestamp)
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addUniqueConstraint('watch_items_source_url_key', ['source_id', 'url'])
    .execute();

  await db.schema
    .createTable('reuse_findings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.references('watch_sources.id').onDelete('set null'))
    .addColumn('page_url', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('share_of_original', 'double precision', (c) => c.notNull())
    .addColumn('share_of_text', 'double precision', (c) => c.notNull())
    .addColumn('link_present', 'integer', (c) => c.notNull())
    .addColumn('link_compliant', 'integer', (c) => c.notNull())
    .addColumn('link_href', 'text')
    .addColumn('link_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('status_changed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status_changed_at', timestamp)
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('reuse_findings_page_article_key', ['page_url', 'article_id'])
    .execute();
  // The desk's list: a status's findings, newest first.
  await db.schema.createIndex('reuse_findings_status_idx').on('reuse_findings').columns(['status', 'id']).execute();
  await db.schema.createIndex('reuse_findings_article_idx').on('reuse_findings').columns(['article_id', 'id']).execute();
}
