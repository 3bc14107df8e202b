import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * CDN purge settings on the settings row: the endpoint the tags a change invalidates are posted to,
 * how to post them (a generic JSON body, Fastly's surrogate-key batch purge or Cloudflare's
 * purge by cache tag) and the token that authorises it. Off until an admin names an endpoint
 * (NULL), so an install that upgrades sends nothing new.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('site_settings').addColumn('cdn_purge_url', 'text').execute();
  await db.schema.alterTable('site_settings').addColumn('cdn_purge_style', 'text', (c) => c.notNull().defaultTo('generic')).execute();
  await db.schema.alterTable('site_settings').addColumn('cdn_purge_token', 'text').execute();
}
