import type { AppContext } from '#src/app-context.ts';
import { refreshPlannerStatistics } from '#src/db/database.ts';
import { deleteItemsUnlistedSince } from '#src/domain/monitoring/item-repository.ts';
import { deleteExpiredSessions } from '#src/domain/people/session-store.ts';

/** How often housekeeping runs: what it deletes is already unused, so this only keeps tables small. */
const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/**
 * How long a page a watched source no longer lists is remembered. Long enough for a feed that
 * drops items after a few days, or a sitemap that briefly loses a page, not to have them checked
 * anew; short enough that the table follows what the sources list.
 */
export const UNLISTED_WATCH_ITEM_DAYS = 30;

/** A housekeeping pass, paced by the closure that holds its last run. */
export type Housekeeping = (context: AppContext) => Promise<void>;

/**
 * A recurring pass that deletes expired sessions and the watched pages no source has listed for
 * UNLISTED_WATCH_ITEM_DAYS, and refreshes the query planner's statistics, at most once per `intervalMs` however often it is called (the
 * scheduler ticks every few seconds; a sweep per tick would be wasted work).
 */
export function createHousekeeping(intervalMs = HOUSEKEEPING_INTERVAL_MS): Housekeeping {
  let lastRunAt = Number.NEGATIVE_INFINITY;
  return async (context) => {
    const now = Date.now();
    if (now - lastRunAt < intervalMs) return;
    lastRunAt = now;
    await deleteExpiredSessions(context.database.db);
    await deleteItemsUnlistedSince(context.database.db, new Date(now - UNLISTED_WATCH_ITEM_DAYS * 86_400_000).toISOString());
    await refreshPlannerStatistics(context.database);
  };
}
