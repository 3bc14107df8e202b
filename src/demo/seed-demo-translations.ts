import type { Executor } from '#src/db/database.ts';
import type { LocalizedSettings } from '#src/domain/settings/settings-repository.ts';
import {
  findTermTranslation,
  isTermSlugTaken,
  upsertTermTranslation,
  type TermKind,
  type TermTranslation,
} from '#src/domain/taxonomy/term-translation-repository.ts';
import { slugify } from '#src/lib/slug.ts';
import {
  DEMO_AUTHOR_NAMES,
  DEMO_CITY_NAMES,
  DEMO_COUNTRY_NAMES,
  DEMO_SECTION_NAMES,
  DEMO_SETTINGS_TEXT,
  DEMO_TAG_NAMES,
  DEMO_TRANSLATED_LANGUAGES,
} from './demo-translations.ts';

/** Ids of the demo's terms, each keyed as the English catalogue names it (slug, tag name, city). */
export type DemoTermIds = {
  sections: Map<string, number>;
  tags: Map<string, number>;
  authors: Map<string, number>;
  locations: Map<string, number>;
};

/**
 * Writes one term's translation unless it already has one in that language (someone's own wording
 * stays), or its slug already names another term of the kind (the platform keeps slugs apart; the
 * term then reads in its own name, as an untranslated one does). Answers whether it wrote.
 */
export async function addTranslation(db: Executor, kind: TermKind, termId: number, translation: TermTranslation): Promise<boolean> {
  if (await findTermTranslation(db, kind, termId, translation.language)) return false;
  if (kind !== 'location' && translation.slug !== null && (await isTermSlugTaken(db, kind, translation.slug, termId))) return false;
  await upsertTermTranslation(db, kind, termId, translation);
  return true;
}

/** Names the demo's sections, tags, authors and places in Russian and Kazakh; answers how many translations it wrote. */
export async function seedDemoTermTranslations(db: Executor, ids: DemoTermIds): Promise<number> {
  let written = 0;
  const add = async (kind: TermKind, termId: number | undefined, translation: TermTranslation) => {
    if (termId !== undefined && (await addTranslation(db, kind, termId, translation))) written++;
  };
  for (const language of DEMO_TRANSLATED_LANGUAGES) {
    for (const [slug, names] of Object.entries(DEMO_SECTION_NAMES)) {
      await add('section', ids.sections.get(slug), { language, ...names[language] });
    }
    for (const [name, names] of Object.entries(DEMO_TAG_NAMES)) {
      const local = names[language];
      await add('tag', ids.tags.get(name), { language, name: local, slug: slugify(local), description: '' });
    }
    for (const [slug, names] of Object.entries(DEMO_AUTHOR_NAMES)) {
      const { name, bio } = names[language];
      await add('author', ids.authors.get(slug), { language, name, slug: slugify(name), description: bio });
    }
    for (const [city, names] of Object.entries(DEMO_CITY_NAMES)) {
      await add('location', ids.locations.get(city), { language, name: names[language], slug: null, description: DEMO_COUNTRY_NAMES[language] });
    }
  }
  return written;
}

/** The demo portal's name, tagline and republication notice in Russian and Kazakh, as settings hold them. */
export function demoLocalizedSettings(): Record<string, LocalizedSettings> {
  return Object.fromEntries(DEMO_TRANSLATED_LANGUAGES.map((language) => [language, { ...DEMO_SETTINGS_TEXT[language] }]));
}
