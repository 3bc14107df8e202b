import type { Executor } from '#src/db/database.ts';
import { languagePrefix } from '#src/domain/articles/public-paths.ts';
import { checkSectionSlug, languagePathSegments } from '#src/domain/sections/section-repository.ts';
import { isTermSlugTaken } from '#src/domain/taxonomy/term-translation-repository.ts';
import { Invalid } from '#src/lib/errors.ts';
import { findPageById, isPagePathTaken } from './page-repository.ts';
import type { PageFields } from './page-fields.ts';

/** The public path of a page: /about in the default language, /ru/about in another (lib: languagePrefix). */
export function publicPagePath(page: { language: string; path: string }, defaultLanguage: string): string {
  return `${languagePrefix(page.language, defaultLanguage)}/${page.path}`;
}

/**
 * The address of a page with `fields` (below its language's prefix, no leading slash), after
 * checking that it can be one:
 * - a root page's slug is a first path segment, so it may be no application route's (newsroom,
 *   api, search, feeds, sitemaps, assets, tag, author, …: the list sections keep), no language's
 *   prefix and no section's slug in any language (/politics is the section's page);
 * - a parent is a root page of the same language (pages nest one level: /about/team), never the page itself;
 * - no other page of the language has the address.
 * `selfId` is the page being saved (null for a new one); `hasChildren` whether it has subpages.
 */
export async function resolvePageAddress(db: Executor, fields: PageFields, selfId: number | null, hasChildren: boolean): Promise<string> {
  let path: string;
  if (fields.parentId === null) {
    checkSectionSlug(fields.slug);
    if ((await languagePathSegments(db)).has(fields.slug)) throw new Invalid('slug', `"${fields.slug}" is the address of a language's pages; choose another slug.`);
    if (await isTermSlugTaken(db, 'section', fields.slug, undefined)) {
      throw new Invalid('slug', `A section already answers at /${fields.slug}; choose another slug or place the page under a parent.`);
    }
    path = fields.slug;
  } else {
    if (fields.parentId === selfId) throw new Invalid('parentId', 'A page cannot be its own parent.');
    if (hasChildren) throw new Invalid('parentId', 'This page has subpages, so it stays at the site root (pages nest one level).');
    const parent = await findPageById(db, fields.parentId);
    if (!parent) throw new Invalid('parentId', `Page ${fields.parentId} does not exist.`);
    if (parent.parentId !== null) throw new Invalid('parentId', `"${parent.title}" is itself a subpage; pages nest one level (/about/team).`);
    if (parent.status === 'trashed') throw new Invalid('parentId', `"${parent.title}" is in the trash.`);
    if (parent.language !== fields.language) throw new Invalid('parentId', `"${parent.title}" is in ${parent.language}, this page in ${fields.language}; a subpage shares its parent's language.`);
    path = `${parent.slug}/${fields.slug}`;
  }
  if (await isPagePathTaken(db, fields.language, path, selfId)) throw new Invalid('slug', `Another ${fields.language} page is already at /${path}.`);
  return path;
}
