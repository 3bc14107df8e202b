import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Pending edits of live articles (ADR 0015): an editor's unpublished changes to a published or
 * scheduled article, kept on the server every few seconds without touching the article. One per
 * article and user; gone with the article or the user.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('article_pending_edits')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('kept_at', timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('article_pending_edits_pk', ['article_id', 'user_id'])
    .execute();
}
