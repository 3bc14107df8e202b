/**
 * The languages the site has catalogues for. Adding one is a catalogue file in ./messages and one
 * entry here; everything else (prefixes, Open Graph, Accept-Language, dates) reads this table.
 */

/** A BCP 47 tag the site can render pages in. */
export type LanguageCode = 'en' | 'kk' | 'ru' | 'kk-Latn';

/** What the site knows of one language. */
export type LanguageInfo = {
  /** BCP 47 tag, as in <html lang> and hreflang. */
  code: LanguageCode;
  /** The URL segment of its pages (/kk-latn/…); lower case, as URLs are. */
  prefix: string;
  /** The language's name in itself, as the language switcher shows it. */
  nativeName: string;
  /** Open Graph's locale form (language_TERRITORY). */
  ogLocale: string;
  /** The locale Intl formats its dates, numbers and plurals with. */
  intlLocale: string;
  /** The catalogue its messages come from (a file in ./messages). */
  catalogue: 'en' | 'kk' | 'ru';
  /** A script conversion applied to that catalogue's messages and to rendered pages. */
  script?: 'kazakh-latin';
};

/** The reference language: its catalogue is complete, and every other one falls back to it. */
export const REFERENCE_LANGUAGE: LanguageCode = 'en';

/** Every language with a catalogue, in the switcher's order. */
export const SUPPORTED_LANGUAGES: readonly LanguageInfo[] = [
  { code: 'kk', prefix: 'kk', nativeName: 'Қазақша', ogLocale: 'kk_KZ', intlLocale: 'kk', catalogue: 'kk' },
  // Kazakh in the Latin alphabet of 2021, converted from the Cyrillic text (kazakh-latin.ts).
  { code: 'kk-Latn', prefix: 'kk-latn', nativeName: 'Qazaqşa', ogLocale: 'kk_KZ', intlLocale: 'kk', catalogue: 'kk', script: 'kazakh-latin' },
  { code: 'ru', prefix: 'ru', nativeName: 'Русский', ogLocale: 'ru_RU', intlLocale: 'ru', catalogue: 'ru' },
  // en-GB: "08 February 2023" and "A, B and C", the seed page's forms.
  { code: 'en', prefix: 'en', nativeName: 'English', ogLocale: 'en_GB', intlLocale: 'en-GB', catalogue: 'en' },
];

const BY_CODE = new Map(SUPPORTED_LANGUAGES.map((l) => [l.code.toLowerCase(), l]));
const BY_PREFIX = new Map(SUPPORTED_LANGUAGES.map((l) => [l.prefix, l]));

/** Whether `code` names a supported language (case-insensitive, as BCP 47 tags are). */
export function isSupportedLanguage(code: string): code is LanguageCode {
  return SUPPORTED_LANGUAGES.some((l) => l.code === code);
}

/** The supported language a tag names in any letter case ('KK-latn' → 'kk-Latn'), or null. */
export function canonicalLanguageCode(tag: string): LanguageCode | null {
  return BY_CODE.get(tag.toLowerCase())?.code ?? null;
}

/** The language whose pages live under this URL segment ('kk-latn' → kk-Latn), or null. */
export function languageForPrefix(segment: string): LanguageInfo | null {
  return BY_PREFIX.get(segment) ?? null;
}

/** The metadata of a supported language. */
export function languageInfo(code: LanguageCode): LanguageInfo {
  const info = BY_CODE.get(code.toLowerCase());
  if (!info) throw new Error(`No catalogue for language ${code}`);
  return info;
}
