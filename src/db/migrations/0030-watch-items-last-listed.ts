import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrator.ts';

/**
 * When a watched source last listed each page it led to. Pages a feed or sitemap has stopped
 * listing are forgotten after a while (a sitemap of a large site lists tens of thousands, and a
 * feed a new set every day), so the table follows what sources list now, not all they ever did.
 * Existing rows count as listed when first seen.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema.alterTable('watch_items').addColumn('last_listed_at', timestamp).execute();
  await sql`update watch_items set last_listed_at = first_seen_at`.execute(db);
}
