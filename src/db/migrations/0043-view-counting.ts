import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * How readers' views are counted (ADR 0073): 'server' (the article page request is the view) or
 * 'beacon' (the page sends a beacon, for a CDN in front). An install that upgrades counts on the
 * server: its pages stop sending a second request per view.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema.alterTable('site_settings').addColumn('view_counting', 'text', (c) => c.notNull().defaultTo('server')).execute();
}
