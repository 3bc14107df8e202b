import type { Executor } from '#src/db/database.ts';
import { authorPath, languagePrefix, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { recordPathChange } from './redirect-repository.ts';

/** The kinds of term that have pages of their own. */
export type PagedTermKind = 'section' | 'tag' | 'author';

/** A slug change a repository is about to write, and whose pages it moves. */
export type SlugRename = {
  kind: PagedTermKind;
  termId: number;
  /** The slug before the write (undefined when the row does not exist or had none in that language). */
  from: string | undefined;
  /** The slug being written (undefined when the write leaves the slug alone). */
  to: string | undefined;
  /**
   * Whose pages move: one language's (a translation's slug changed), or, when absent, those of
   * every language that reads the term's own slug (the default, and each it has no translation into).
   */
  language?: string;
};

const PATH_OF: Record<PagedTermKind, (slug: string) => string> = { section: sectionPath, tag: tagPath, author: authorPath };

/** The site's languages whose pages show term `termId`'s own slug: the default, and those it has no translation into. */
async function languagesReadingOwnSlug(db: Executor, kind: PagedTermKind, termId: number, languages: string[]): Promise<string[]> {
  const rows = await db.selectFrom('term_translations').select('language').where('kind', '=', kind).where('term_id', '=', termId).execute();
  const translated = new Set(rows.map((row) => row.language));
  return languages.filter((language) => !translated.has(language));
}

/** Slugs of a section's articles in `language` that have been public (their pages move with the section). */
async function publishedArticleSlugs(db: Executor, sectionId: number, language: string): Promise<string[]> {
  const rows = await db
    .selectFrom('articles')
    .select('slug')
    .where('section_id', '=', sectionId)
    .where('language', '=', language)
    .where('published_at', 'is not', null)
    .execute();
  return rows.map((row) => row.slug);
}

/**
 * Runs `update` (the write that changes the slug); when the slug did change, readers and search
 * engines that knew the old addresses get a 301 to the new ones, in each language whose pages
 * moved (under that language's prefix, see languagePrefix), a section's article pages included.
 * Answers what `update` answers.
 */
export async function renameWithRedirect<T>(db: Executor, rename: SlugRename, update: () => Promise<T>): Promise<T> {
  const result = await update();
  const { from, to, kind, termId } = rename;
  if (from === undefined || to === undefined || from === to) return result;
  const settings = await loadSettings(db);
  const languages = rename.language !== undefined ? [rename.language] : await languagesReadingOwnSlug(db, kind, termId, settings.languages);
  for (const language of languages) {
    const prefix = languagePrefix(language, settings.defaultLanguage);
    const [before, after] = [`${prefix}${PATH_OF[kind](from)}`, `${prefix}${PATH_OF[kind](to)}`];
    await recordPathChange(db, before, after);
    if (kind !== 'section') continue;
    for (const child of await publishedArticleSlugs(db, termId, language)) await recordPathChange(db, `${before}/${child}`, `${after}/${child}`);
  }
  return result;
}
