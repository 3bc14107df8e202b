import type { Executor } from '#src/db/database.ts';
import { compiledOnce } from '#src/db/compiled-once.ts';
import type { ContentApiAccess } from '#src/db/schema.ts';
import { ensureSettings } from '#src/domain/settings/settings-repository.ts';

// The settings row's id (settings-repository.ts keeps one row).
const SETTINGS_ROW_ID = 1;

// Every Content API request reads it: built and compiled once (compiled-once.ts).
const accessQuery = compiledOnce((db: Executor) => db.selectFrom('site_settings').select('content_api_access').where('id', '=', SETTINGS_ROW_ID));

/** Who may read the Content API now; an install without a settings row yet is open. */
export async function loadContentApiAccess(db: Executor): Promise<ContentApiAccess> {
  const [row] = await accessQuery(db, '', {});
  return row?.content_api_access ?? 'open';
}

/** Stores who may read the Content API (making the settings row first if the install has none). */
export async function saveContentApiAccess(db: Executor, access: ContentApiAccess): Promise<void> {
  await ensureSettings(db);
  await db.updateTable('site_settings').set({ content_api_access: access }).where('id', '=', SETTINGS_ROW_ID).execute();
}
