import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';

/** WordPress's address of a post or page without pretty permalinks (/?p=1178): kept for imported sites (domain/imports). */
const LEGACY_QUERY_PATH = /^\/\?(p|page_id|attachment_id)=[0-9]{1,20}$/;

function checkPath(path: string, field: string): string {
  if (LEGACY_QUERY_PATH.test(path)) return path;
  if (!path.startsWith('/') || path.startsWith('//') || /[\s?#]/.test(path)) {
    throw new Invalid(field, 'A redirect path must be a site path starting with a single "/", without query or spaces.');
  }
  return path;
}

/**
 * Records that the page at `fromPath` now lives at `toPath` (a slug or section changed).
 * Older redirects that pointed at `fromPath` are re-pointed to `toPath` so a reader never follows
 * a chain; a redirect away from `toPath` is dropped, since that path is live again (no loops).
 */
export async function recordPathChange(db: Executor, fromPath: string, toPath: string): Promise<void> {
  checkPath(fromPath, 'fromPath');
  checkPath(toPath, 'toPath');
  if (fromPath === toPath) return;
  await db.deleteFrom('redirects').where('from_path', '=', toPath).execute();
  await db.updateTable('redirects').set({ to_path: toPath }).where('to_path', '=', fromPath).execute();
  await db
    .insertInto('redirects')
    .values({ from_path: fromPath, to_path: toPath, created_at: nowIso() })
    .onConflict((oc) => oc.column('from_path').doUpdateSet({ to_path: toPath, created_at: nowIso() }))
    .execute();
}

/** Where an old path now lives, if it moved. */
export async function findRedirect(db: Executor, path: string): Promise<string | undefined> {
  const row = await db.selectFrom('redirects').select('to_path').where('from_path', '=', path).executeTakeFirst();
  return row?.to_path;
}
