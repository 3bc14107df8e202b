import type { Executor } from '#src/db/database.ts';
import type { WatchPollStatus } from '#src/db/schema.ts';

/** A page a source led to. */
export type WatchItem = {
  id: number;
  sourceId: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  firstSeenAt: string;
  checkedAt: string | null;
  lastStatus: WatchPollStatus | null;
  lastError: string | null;
};

/** The items of `sourceId` among `urls`, by address. */
export async function findItems(db: Executor, sourceId: number, urls: string[]): Promise<Map<string, WatchItem>> {
  const found = new Map<string, WatchItem>();
  // In slices: a sitemap lists thousands of pages, and a statement takes a bounded number of parameters.
  for (let i = 0; i < urls.length; i += 500) {
    const rows = await db.selectFrom('watch_items').selectAll().where('source_id', '=', sourceId).where('url', 'in', urls.slice(i, i + 500)).execute();
    for (const row of rows) {
      found.set(row.url, {
        id: row.id,
        sourceId: row.source_id,
        url: row.url,
        etag: row.etag,
        lastModified: row.last_modified,
        firstSeenAt: row.first_seen_at,
        checkedAt: row.checked_at,
        lastStatus: row.last_status,
        lastError: row.last_error,
      });
    }
  }
  return found;
}

/** Records that the source lists `url` (a no-op when it already did); answers the item's id. */
export async function ensureItem(db: Executor, sourceId: number, url: string, now: string): Promise<number> {
  const existing = await db.selectFrom('watch_items').select('id').where('source_id', '=', sourceId).where('url', '=', url).executeTakeFirst();
  if (existing) return existing.id;
  const { id } = await db
    .insertInto('watch_items')
    .values({ source_id: sourceId, url, etag: null, last_modified: null, first_seen_at: now, last_listed_at: now, checked_at: null, last_status: null, last_error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records that the source listed these pages (known items) at `now`. */
export async function markItemsListed(db: Executor, sourceId: number, urls: string[], now: string): Promise<void> {
  for (let i = 0; i < urls.length; i += 500) {
    await db.updateTable('watch_items').set({ last_listed_at: now }).where('source_id', '=', sourceId).where('url', 'in', urls.slice(i, i + 500)).execute();
  }
}

/**
 * Records at `now` that the source still lists what it listed last (its listing answered "not
 * modified"): the pages of its latest listing all carry that listing's time.
 */
export async function markLatestListingListed(db: Executor, sourceId: number, now: string): Promise<void> {
  await db
    .updateTable('watch_items')
    .set({ last_listed_at: now })
    .where('source_id', '=', sourceId)
    .where('last_listed_at', '=', (eb) => eb.selectFrom('watch_items').select((e) => e.fn.max('last_listed_at').as('latest')).where('source_id', '=', sourceId))
    .execute();
}

/**
 * Forgets pages no source has listed since `before` (their findings, kept by page address, stay);
 * answers how many. Should a source list one again, it is a new page to check.
 */
export async function deleteItemsUnlistedSince(db: Executor, before: string): Promise<number> {
  const result = await db
    .deleteFrom('watch_items')
    .where((eb) => eb.fn.coalesce('last_listed_at', 'first_seen_at'), '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Records how a check of an item went (validators kept only from a fetched answer). */
export async function recordItemCheck(
  db: Executor,
  id: number,
  outcome: { status: WatchPollStatus; error: string | null; at: string; etag?: string | null; lastModified?: string | null },
): Promise<void> {
  await db
    .updateTable('watch_items')
    .set({
      checked_at: outcome.at,
      last_status: outcome.status,
      last_error: outcome.error,
      ...(outcome.etag !== undefined ? { etag: outcome.etag } : {}),
      ...(outcome.lastModified !== undefined ? { last_modified: outcome.lastModified } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Items of `sourceId` listed but never checked yet, in the order they were found (newest listed first within a listing), at most `limit`. */
export async function listUncheckedItems(db: Executor, sourceId: number, limit: number): Promise<WatchItem[]> {
  if (limit <= 0) return [];
  const rows = await db.selectFrom('watch_items').select('url').where('source_id', '=', sourceId).where('checked_at', 'is', null).orderBy('id').limit(limit).execute();
  const found = await findItems(db, sourceId, rows.map((r) => r.url));
  return rows.map((r) => found.get(r.url)!);
}
