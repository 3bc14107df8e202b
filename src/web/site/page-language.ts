import { languageInfo, REFERENCE_LANGUAGE, type LanguageCode } from '#src/i18n/languages.ts';
import { translatorFor, type Translator } from '#src/i18n/translator.ts';

/** The language a public page is drawn in, and how its links are built. */
export type PageLanguage = {
  translator: Translator;
  /** BCP 47, for <html lang> and hreflang. */
  code: LanguageCode;
  /** '' for the site's default language (its pages sit at the root), '/ru', '/kk-latn'… for the others. */
  pathPrefix: string;
  /** A site path in this language: path('/') is '/' or '/ru/', path('/news') is '/news' or '/ru/news'. */
  path(p: string): string;
  /** Open Graph locale (og:locale). */
  ogLocale: string;
};

const made = new Map<string, PageLanguage>();

/** The page language for `code` on a site whose default language is `defaultCode` (made once per pair). */
export function pageLanguage(code: LanguageCode, defaultCode: LanguageCode = REFERENCE_LANGUAGE): PageLanguage {
  const key = `${code}|${defaultCode}`;
  let language = made.get(key);
  if (!language) {
    const info = languageInfo(code);
    const pathPrefix = code === defaultCode ? '' : `/${info.prefix}`;
    language = { translator: translatorFor(code), code, pathPrefix, path: (p) => `${pathPrefix}${p}`, ogLocale: info.ogLocale };
    made.set(key, language);
  }
  return language;
}

/**
 * The default language's pages. TODO(#8): routes pass this until URL prefixes choose the
 * language and settings name the default one.
 */
export function defaultPageLanguage(): PageLanguage {
  return pageLanguage(REFERENCE_LANGUAGE);
}
