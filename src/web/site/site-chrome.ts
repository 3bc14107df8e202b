import type { AppContext } from '#src/app-context.ts';
import { MENUS_TAG } from '#src/cache/cache-invalidation.ts';
import type { PublishedArticles } from '#src/domain/articles/published-articles.ts';
import type { SiteChrome } from './views/site-layout.tsx';

/** What every page's header and footer show, and the surrogate keys that data carries. */
export type SiteChromeResult = { chrome: SiteChrome; tags: string[] };

/** Loads what every page's header and footer show in `language`; `tags` are the surrogate keys that data carries. */
export async function loadSiteChrome(published: PublishedArticles, language: string): Promise<SiteChromeResult> {
  const chrome = await published.siteChrome(language);
  return { chrome, tags: [MENUS_TAG, ...(chrome.logo ? [`media:${chrome.logo.id}`] : [])] };
}

/** The site's origin (scheme, host, port) from the configured base URL. */
export function siteOrigin(context: AppContext): string {
  return new URL(context.config.baseUrl).origin;
}
