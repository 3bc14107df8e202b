import { DOMAIN_EVENT_NAMES, type DomainEvent, type EventBus } from '#src/lib/events.ts';
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

/** Surrogate key of a language's Main Page (`language`: its articles' code, so kk covers /kk/ and /kk-latn/). */
export function mainPageTag(language: string): string {
  return `main-page:${language}`;
}

/** Surrogate key of the first page of a section's list in a language: the page its pins head. */
export function sectionPageTag(language: string, sectionId: number): string {
  return `section-page:${language}:${sectionId}`;
}

/**
 * Surrogate key every public page carries in its headers (not in the page cache's index, where
 * clear() does its job): purging it at a CDN purges the whole site.
 */
export const SITE_TAG = 'site';

/**
 * The surrogate keys an event makes stale, or 'all'. An article change stales its own page, its
 * translation group's and every list; settings and taxonomy change the header, menus and labels
 * of every page, so they stale all, as do events lost between processes (nothing tells which
 * pages they would have staled). The page cache and the CDN purge (jobs/cdn-purge-jobs.ts) both ask here.
 */
export function staleTagsOf(event: DomainEvent): string[] | 'all' {
  switch (event.name) {
    case 'article.published':
    case 'article.updated':
    case 'article.unpublished': {
      const [{ articleId, translationOfId, leftGroupOf }] = event.args;
      const groups = [translationGroupTag({ id: articleId, translationOfId: translationOfId ?? null })];
      // A translation moved to another original: the group it left linked to it until now.
      if (leftGroupOf !== undefined) groups.push(translationGroupTag({ id: leftGroupOf, translationOfId: null }));
      return [`article:${articleId}`, ...groups, LISTS_TAG];
    }
    case 'page.published':
    case 'page.updated':
    case 'page.unpublished': {
      // A static page's own page and its subpages; the sitemaps; every page of the site when it is (or was) in a menu.
      const [{ pageId, inMenu }] = event.args;
      return [pageTag(pageId), SITEMAP_TAG, ...(inMenu ? [MENUS_TAG] : [])];
    }
    case 'main-page.published': {
      // A layout going live changes its language's Main Page and the section pages whose pins changed: only those.
      const [{ language, sectionIds }] = event.args;
      return [mainPageTag(language), ...sectionIds.map((id) => sectionPageTag(language, id))];
    }
    case 'media.updated':
      return [`media:${event.args[0].mediaId}`];
    case 'settings.updated':
    case 'taxonomy.updated':
    case 'events.missed':
      return 'all';
    case 'review.submitted':
    case 'review.returned':
    case 'review.approved':
    case 'review.mentioned':
    case 'article.corrected':
    case 'schedule.published':
    case 'schedule.failed':
      // Newsroom happenings: what they change on the public site comes with its own article event.
      return [];
  }
}

/**
 * Subscribes the cache to every domain event: each drops the pages staleTagsOf names (none, for
 * newsroom happenings). Hearing all of them means a new event needs only its case in the switch,
 * which the compiler asks for.
 */
export function registerCacheInvalidation(events: EventBus, cache: PageCache): void {
  for (const name of DOMAIN_EVENT_NAMES) {
    events.on(name, (...args: unknown[]) => {
      const stale = staleTagsOf({ name, args } as DomainEvent);
      if (stale === 'all') cache.clear();
      else if (stale.length > 0) cache.invalidateTags(stale);
    });
  }
}
