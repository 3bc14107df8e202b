import { Invalid } from '#src/lib/errors.ts';

/**
 * What a site language's code looks like: a BCP 47 language subtag (ISO 639, two or three lower-case
 * letters) with an optional script subtag (ISO 15924, title case), e.g. "kk", "ru", "en", "kk-Latn".
 * Regions and variants are left out: a news site publishes in a language, not a dialect.
 */
export const LANGUAGE_CODE_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?$/;

/** Whether `code` is a language code the site may publish in. */
export function isLanguageCode(code: string): boolean {
  return LANGUAGE_CODE_PATTERN.test(code);
}

/**
 * Language codes that are editions of another language rather than languages articles are written
 * in: Kazakh in Latin script is the Kazakh articles converted at render time (the kazakhLatin
 * setting), so it is never a site language of its own.
 */
export const CONVERTED_EDITIONS: ReadonlyMap<string, string> = new Map([['kk-Latn', 'kk']]);

/** A code as BCP 47 writes it canonically: language subtag lower case, script title case ('KK-latn' → 'kk-Latn'). */
export function canonicalCase(code: string): string {
  const [language = '', script, ...rest] = code.trim().split('-');
  if (script === undefined || rest.length > 0) return code.trim().toLowerCase();
  return `${language.toLowerCase()}-${script.charAt(0).toUpperCase()}${script.slice(1).toLowerCase()}`;
}

/** Throws Invalid(field) unless `language` is one of the site's `languages`; answers it. */
export function assertSiteLanguage(language: string, languages: readonly string[], field = 'language'): string {
  if (!languages.includes(language)) {
    throw new Invalid(field, `"${language}" is not one of the site's languages (${languages.join(', ')}).`);
  }
  return language;
}
