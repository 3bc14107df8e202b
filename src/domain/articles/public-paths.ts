/** The public site's paths, built in one place: pages link with them, the service records redirects with them. */

/**
 * The path prefix of a language's pages: '' for the default language (its pages sit at the root),
 * otherwise '/' and the code lower-cased: languagePrefix('ru', 'en') is '/ru', and
 * languagePrefix('kk-Latn', 'en') is '/kk-latn'. Prepend it to any path below: `${prefix}${articlePath(…)}`.
 */
export function languagePrefix(language: string, defaultLanguage: string): string {
  return language === defaultLanguage ? '' : `/${language.toLowerCase()}`;
}

/**
 * Every prefix a language's pages are addressed under: its own (languagePrefix), and for Kazakh
 * also the Latin-script edition's (/kk-latn) while the site offers it. Sitemaps list each address,
 * and publish pings name each.
 */
export function addressPrefixes(language: string, site: { languages: readonly string[]; defaultLanguage: string; kazakhLatin: boolean }): string[] {
  const own = languagePrefix(language, site.defaultLanguage);
  return language === 'kk' && site.kazakhLatin && site.languages.includes('kk') ? [own, '/kk-latn'] : [own];
}

/** The public path of an article: /section-slug/article-slug. */
export function articlePath({ sectionSlug, slug }: { sectionSlug: string; slug: string }): string {
  return `/${sectionSlug}/${slug}`;
}

/** The public path of a section's page. */
export const sectionPath = (slug: string) => `/${slug}`;
/** The public path of a tag's page. */
export const tagPath = (slug: string) => `/tag/${slug}`;
/** The public path of an author's page. */
export const authorPath = (slug: string) => `/author/${slug}`;
