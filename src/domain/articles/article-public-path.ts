import type { Executor } from '#src/db/database.ts';
import { findSectionById } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { findTermTranslation } from '#src/domain/taxonomy/term-translation-repository.ts';
import { Invalid } from '#src/lib/errors.ts';
import { articlePath, languagePrefix } from './public-paths.ts';

/** The section's slug in `language`: its translation's, else its own. */
export async function localizedSectionSlug(db: Executor, sectionId: number, language: string): Promise<string> {
  const [section, translation] = await Promise.all([findSectionById(db, sectionId), findTermTranslation(db, 'section', sectionId, language)]);
  if (!section) throw new Invalid('sectionId', `Section ${sectionId} does not exist.`);
  return translation?.slug ?? section.slug;
}

/**
 * Where readers find an article: /section/slug in the default language, /ru/novosti/slug in
 * another (the language's prefix, the section's slug in that language). The path redirects are
 * recorded with and the admin API answers.
 */
export async function publicArticlePath(db: Executor, article: { language: string; sectionId: number; slug: string }): Promise<string> {
  const [{ defaultLanguage }, sectionSlug] = await Promise.all([loadSettings(db), localizedSectionSlug(db, article.sectionId, article.language)]);
  return `${languagePrefix(article.language, defaultLanguage)}${articlePath({ sectionSlug, slug: article.slug })}`;
}
