import type { Executor } from '#src/db/database.ts';
import { assertSectionSlugFree, checkSectionSlug } from '#src/domain/sections/section-repository.ts';
import { assertSlugFormat, requireName } from '#src/domain/sections/slug-format.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { Invalid } from '#src/lib/errors.ts';
import { MAX_SLUG_LENGTH, slugify } from '#src/lib/slug.ts';
import { isTermSlugTaken, type TermKind, type TermTranslation } from './term-translation-repository.ts';

/** What an editor sends for a term in one language: for a location, name is the city and description the country. */
export type TermTranslationInput = { name: string; slug?: string; description?: string };

/** Longest description (a section's intro, an author's bio) a translation may have, in characters. */
export const MAX_TERM_DESCRIPTION = 5000;

/** Throws Invalid('language') unless `language` is one of the site's languages other than the default (whose values are the term's own). */
export async function assertTranslatableLanguage(db: Executor, language: string): Promise<void> {
  const { languages, defaultLanguage } = await loadSettings(db);
  if (!languages.includes(language)) throw new Invalid('language', `"${language}" is not one of the site's languages (${languages.join(', ')}).`);
  if (language === defaultLanguage) {
    throw new Invalid('language', `${language} is the default language: its name, slug and description are the term's own; edit them there.`);
  }
}

/**
 * A term's translation as it will be stored, or Invalid naming the field: a name is required (a
 * location's city and country both); a slug, made from the name when none is given, must be well
 * formed and free among the kind's own and translated slugs (a section's also free of the
 * application's and the languages' paths). Tags have no description; locations no slug.
 */
export async function checkTermTranslation(db: Executor, kind: TermKind, termId: number, language: string, input: TermTranslationInput): Promise<TermTranslation> {
  if (kind === 'location') {
    return { language, name: requireName(input.name, 'name', 100), slug: null, description: requireName(input.description ?? '', 'description', 100) };
  }
  const name = requireName(input.name, 'name', kind === 'tag' ? 100 : 200);
  const slug = input.slug?.trim() || slugify(name, MAX_SLUG_LENGTH);
  if (kind === 'section') {
    checkSectionSlug(slug);
    await assertSectionSlugFree(db, slug, termId);
  } else {
    assertSlugFormat(slug);
    if (await isTermSlugTaken(db, kind, slug, termId)) throw new Invalid('slug', `Another ${kind} already uses the slug "${slug}".`);
  }
  const description = kind === 'tag' ? '' : (input.description ?? '').trim();
  if (description.length > MAX_TERM_DESCRIPTION) throw new Invalid('description', `Use at most ${MAX_TERM_DESCRIPTION} characters.`);
  return { language, name, slug, description };
}
