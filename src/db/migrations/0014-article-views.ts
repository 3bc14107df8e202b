import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Readers' views per article and hour, for "Most read". Each process counts in memory and adds
 * its counts here in batches (domain/views), so a page view never writes on the request path and
 * the sum over processes is a GROUP BY. No address, cookie or user agent is stored: a row is
 * (article, hour, count). `hour` is the UTC hour as ISO text ("2024-05-01T06"), which sorts in time
 * order on both databases.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_views')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('hour', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'hour'])
    .execute();
  await db.schema.createIndex('article_views_hour_idx').on('article_views').columns(['hour', 'article_id', 'views']).execute();
}
