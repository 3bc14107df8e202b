import type { AppContext } from '#src/app-context.ts';
import { findMediaByIds } from '#src/domain/media/media-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import type { SiteChrome } from './views/site-layout.tsx';

/** Loads what every page's header and footer show; `tags` are the surrogate keys that data carries. */
export async function loadSiteChrome(context: AppContext): Promise<{ chrome: SiteChrome; tags: string[] }> {
  const db = context.database.db;
  const [settings, sections] = await Promise.all([loadSettings(db), listSections(db)]);
  const logo = settings.logoMediaId !== null ? ((await findMediaByIds(db, [settings.logoMediaId])).get(settings.logoMediaId) ?? null) : null;
  return { chrome: { settings, sections, logo }, tags: logo ? [`media:${logo.id}`] : [] };
}

/** The site's origin (scheme, host, port) from the configured base URL. */
export function siteOrigin(context: AppContext): string {
  return new URL(context.config.baseUrl).origin;
}
