import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * Distribution settings on the settings row: the WebSub hub publish pings go to (and feeds
 * declare), the IndexNow endpoint changed URLs go to with the site's key (served at /<key>.txt),
 * and whether feed items carry the full text. Every one is off until an admin sets it (NULL, 0),
 * so an install that upgrades sends nothing new.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('site_settings').addColumn('websub_hub_url', 'text').execute();
  await db.schema.alterTable('site_settings').addColumn('indexnow_endpoint', 'text').execute();
  await db.schema.alterTable('site_settings').addColumn('indexnow_key', 'text').execute();
  await db.schema.alterTable('site_settings').addColumn('feeds_full_text', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
