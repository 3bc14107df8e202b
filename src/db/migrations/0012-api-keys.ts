import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * API keys for the Admin API (and the Content API's optional key): a named credential with a role,
 * made by an admin. Only the SHA-256 of the secret is kept (domain/api-keys/api-key-token.ts), so a
 * stolen database yields no working key; `prefix` is the public part of the key, shown in lists and
 * used to find the row. A key belongs to the admin who made it and stops working with their account.
 * The site settings gain whether the Content API is open to all or needs a key, and articles an
 * index for the Content API's list by last change (sort=updated, the syncing order): without it
 * every page sorted the whole archive (590 ms at 100,000 articles on SQLite). It ends with
 * published_at so the readers' scope is checked in the index too.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp)
    .addColumn('last_used_at', timestamp)
    .addColumn('revoked_at', timestamp)
    .execute();
  // 'open' or 'key-required'; an install starts open, as a public site is.
  await db.schema.createIndex('articles_status_updated_idx').on('articles').columns(['status', 'updated_at', 'id', 'published_at']).execute();
  await db.schema.alterTable('site_settings').addColumn('content_api_access', 'text', (c) => c.notNull().defaultTo('open')).execute();
}
