import type { ArticleEventArgs, EventBus } from '#src/lib/events.ts';
import type { PageCache } from './page-cache.ts';

/** Surrogate key of every list page (home, section, tag, author): any publication may change them. */
export const LISTS_TAG = 'lists';

/**
 * Surrogate key of the pages of one translation group (an original and its translations): each
 * page's language switcher and hreflang name the others, so a change to one changes them all.
 */
export function translationGroupTag(article: { id: number; translationOfId: number | null }): string {
  return `translations:${article.translationOfId ?? article.id}`;
}

/** Surrogate key of a static page's public page (and of its subpages, whose breadcrumb names it). */
export function pageTag(pageId: number): string {
  return `page:${pageId}`;
}

/** Surrogate key of every public page: each draws the header and footer menus of static pages. */
export const MENUS_TAG = 'menus';

/** Surrogate key of the sitemaps (which list static pages beside articles and sections). */
export const SITEMAP_TAG = 'sitemap';

/** Surrogate key of every page that shows "Most read": dropped when the list changes, on its own schedule. */
export const MOST_READ_TAG = 'most-read';

/**
 * Subscribes the cache to the domain events. An article change drops its own page and every list;
 * settings and taxonomy change the header, menus and labels of every page, so they drop all, as
 * do events lost between processes (nothing tells which pages they would have dropped).
 */
export function registerCacheInvalidation(events: EventBus, cache: PageCache): void {
  const onArticle = ({ articleId, translationOfId, leftGroupOf }: ArticleEventArgs) => {
    const groups = [translationGroupTag({ id: articleId, translationOfId: translationOfId ?? null })];
    if (leftGroupOf !== undefined) groups.push(translationGroupTag({ id: leftGroupOf, translationOfId: null }));
    cache.invalidateTags([`article:${articleId}`, ...groups, LISTS_TAG]);
  };
  events.on('article.published', onArticle);
  events.on('article.updated', onArticle);
  events.on('article.unpublished', onArticle);
  // A static page's own page and its subpages; the sitemaps; every page of the site when it is (or was) in a menu.
  const onPage = ({ pageId, inMenu }: { pageId: number; inMenu: boolean }) => cache.invalidateTags([pageTag(pageId), SITEMAP_TAG, ...(inMenu ? [MENUS_TAG] : [])]);
  events.on('page.published', onPage);
  events.on('page.updated', onPage);
  events.on('page.unpublished', onPage);
  events.on('settings.updated', () => cache.clear());
  events.on('taxonomy.updated', () => cache.clear());
  events.on('media.updated', ({ mediaId }) => cache.invalidateTags([`media:${mediaId}`]));
  events.on('events.missed', () => cache.clear());
}
