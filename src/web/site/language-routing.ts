import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedPage, PageCache } from '#src/cache/page-cache.ts';
import type { PublishedArticles, SiteLanguages } from '#src/domain/articles/published-articles.ts';
import { kazakhLatinHtml } from '#src/i18n/kazakh-latin-html.ts';
import { canonicalLanguageCode, languageForPrefix, languageInfo, REFERENCE_LANGUAGE, SUPPORTED_LANGUAGES, type LanguageCode } from '#src/i18n/languages.ts';
import { NotFound } from '#src/lib/errors.ts';
import { respondWithPage, type PageResult } from './page-response.ts';
import { pageLanguage, type PageLanguage } from './page-language.ts';

/**
 * Where a language's pages are mounted: the site's default language at the root (`code` null:
 * whichever language settings name), every other language with a catalogue under its prefix
 * (/kk, /ru, /kk-latn, /en). Routes are registered once per mount at start; whether a mounted
 * language is one the site publishes in is asked per request, so settings can change it live.
 */
export type LanguageMount = { prefix: string; code: LanguageCode | null };

/** The root, then one mount per language with a catalogue. */
export const LANGUAGE_MOUNTS: readonly LanguageMount[] = [{ prefix: '', code: null }, ...SUPPORTED_LANGUAGES.map((l) => ({ prefix: `/${l.prefix}`, code: l.code }))];

/** A route path under a mount: ('/ru', '/') is '/ru/', ('', '/tag/:slug') is '/tag/:slug'. */
export function mountedPath(mount: LanguageMount, path: string): string {
  return `${mount.prefix}${path}`;
}

/** The languages the site's pages exist in: its languages, and Kazakh in Latin script when Kazakh is one and the edition is on. */
export function pageLanguagesOf(site: SiteLanguages): LanguageCode[] {
  const codes = site.languages.flatMap((code) => canonicalLanguageCode(code) ?? []);
  if (site.kazakhLatin && codes.includes('kk')) codes.splice(codes.indexOf('kk') + 1, 0, 'kk-Latn');
  return codes;
}

/** The language whose articles a page language shows: Kazakh in Latin script shows the Kazakh ones, converted. */
export function contentLanguageOf(code: LanguageCode): string {
  return code === 'kk-Latn' ? 'kk' : code;
}

/** The site's default language as a page language ('en' if settings name one without a catalogue). */
export function defaultPageCode(site: SiteLanguages): LanguageCode {
  return canonicalLanguageCode(site.defaultLanguage) ?? REFERENCE_LANGUAGE;
}

/** A page's language as a request resolved it: how to draw the page, whose articles it shows, the site's languages. */
export type ResolvedLanguage = {
  lang: PageLanguage;
  /** The BCP 47 code of the articles and names the page shows ('kk' on a kk-Latn page). */
  content: string;
  /** The languages the site's pages exist in, in the switcher's order. */
  pageLanguages: LanguageCode[];
  defaultCode: LanguageCode;
};

/** The page language for a code the site has pages in, and what goes with it. */
export function resolvedLanguage(code: LanguageCode, site: SiteLanguages): ResolvedLanguage {
  const defaultCode = defaultPageCode(site);
  return { lang: pageLanguage(code, defaultCode), content: contentLanguageOf(code), pageLanguages: pageLanguagesOf(site), defaultCode };
}

/**
 * The language of an error page at `url`: the prefix's language when the site has pages in it,
 * else the default (an unknown prefix is a 404 in the default language).
 */
export function languageOfUrl(url: string, site: SiteLanguages): ResolvedLanguage {
  const segment = /^\/([^/?#]+)/.exec(url)?.[1] ?? '';
  const prefixed = languageForPrefix(segment)?.code;
  const code = prefixed && pageLanguagesOf(site).includes(prefixed) ? prefixed : defaultPageCode(site);
  return resolvedLanguage(code, site);
}

/**
 * Renders a public page of a mount in its language: a language the site does not publish in is a
 * 404; the default language's own prefix moves (301) to `path` at the root, so each page has one
 * address. A Kazakh Latin page is the Kazakh page converted. `path` is the page's path without the
 * prefix (with its query string, for pages that read one).
 */
export async function pageInLanguage(
  published: PublishedArticles,
  mount: LanguageMount,
  path: string,
  render: (language: ResolvedLanguage) => Promise<PageResult>,
): Promise<PageResult> {
  const site = await published.languageSettings();
  const code = mount.code ?? defaultPageCode(site);
  if (mount.code !== null && mount.code === defaultPageCode(site)) return { kind: 'redirect', location: path };
  if (!pageLanguagesOf(site).includes(code)) throw new NotFound('The page');
  const result = await render(resolvedLanguage(code, site));
  const isHtml = result.kind === 'page' && (result.contentType ?? 'text/html').startsWith('text/html');
  return result.kind === 'page' && isHtml && languageInfo(code).script === 'kazakh-latin' ? { ...result, html: kazakhLatinHtml(result.html) } : result;
}

/**
 * Answers a public page of a mount through the page cache (pageInLanguage, cached under the
 * prefixed path; a Kazakh Latin page is cached converted); `onShared` as respondWithPage's.
 */
export function respondInLanguage(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  published: PublishedArticles,
  mount: LanguageMount,
  path: string,
  render: (language: ResolvedLanguage) => Promise<PageResult>,
  onShared?: (page: CachedPage) => void,
): Promise<FastifyReply> {
  return respondWithPage(request, reply, cache, mountedPath(mount, path), () => pageInLanguage(published, mount, path, render), onShared);
}

/**
 * The language a mount's pages are in, or 'default-prefix' when the mount is the default
 * language's own prefix (its pages move to the root); NotFound for a language the site does not
 * publish in. Pages answered outside the cache (forms) decide their language here too.
 */
export function languageOfMount(mount: LanguageMount, site: SiteLanguages): ResolvedLanguage | 'default-prefix' {
  const code = mount.code ?? defaultPageCode(site);
  if (mount.code !== null && mount.code === defaultPageCode(site)) return 'default-prefix';
  if (!pageLanguagesOf(site).includes(code)) throw new NotFound('The page');
  return resolvedLanguage(code, site);
}
