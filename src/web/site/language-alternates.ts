import { languageInfo, type LanguageCode } from '#src/i18n/languages.ts';
import { contentLanguageOf, type ResolvedLanguage } from './language-routing.ts';
import { pageLanguage } from './page-language.ts';
import { siteUrl } from '#src/lib/site-url.ts';

/** The same page in one of the site's languages, as the switcher and hreflang name it. */
export type LanguageAlternate = {
  code: LanguageCode;
  /** The language's name in itself ("Русский"). */
  nativeName: string;
  /** Where the switcher leads: the page in that language, or that language's Main Page when the page has no version in it. */
  path: string;
  /** Absolute URL of the page in that language; null when it has no version there (no hreflang then). */
  url: string | null;
  isCurrent: boolean;
};

/**
 * The page in every language the site has pages in. `pathIn(content)` gives the page's path
 * (without prefix) among that content language's pages, or null if it has none: an article
 * without a translation into Russian has no Russian alternate, and the switcher leads to the
 * Russian Main Page instead.
 */
export function languageAlternates(resolved: ResolvedLanguage, baseUrl: string, pathIn: (content: string) => string | null): LanguageAlternate[] {
  return resolved.pageLanguages.map((code) => {
    const lang = pageLanguage(code, resolved.defaultCode);
    const own = pathIn(contentLanguageOf(code));
    return {
      code,
      nativeName: languageInfo(code).nativeName,
      path: lang.path(own ?? '/'),
      url: own === null ? null : siteUrl(baseUrl, lang.path(own)),
      isCurrent: code === resolved.lang.code,
    };
  });
}

/**
 * The hreflang links of a page (reciprocal by construction: every version is drawn from the same
 * group), with x-default at the default language's version, or the first version the switcher
 * lists when there is none in the default language.
 */
export function hreflangLinks(alternates: readonly LanguageAlternate[], defaultCode: LanguageCode): Array<{ hreflang: string; href: string }> {
  const versions = alternates.filter((a): a is LanguageAlternate & { url: string } => a.url !== null);
  if (versions.length < 2) return [];
  const fallback = versions.find((a) => a.code === defaultCode) ?? versions[0]!;
  return [...versions.map((a) => ({ hreflang: a.code, href: a.url })), { hreflang: 'x-default', href: fallback.url }];
}
