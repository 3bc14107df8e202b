import type { FastifyInstance } from 'fastify';
import type { SitemapItemLoose } from 'sitemap';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG, SITEMAP_TAG } from '#src/cache/cache-invalidation.ts';
import { addressPrefixes, articlePath, authorPath, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import { createPublishedSitemaps, SITEMAP_MAX_URLS, type PublishedSitemaps, type SitemapArticle } from '#src/domain/articles/published-sitemaps.ts';
import { mediaUrl } from '#src/domain/media/media-repository.ts';
import { NotFound } from '#src/lib/errors.ts';
import { siteUrl } from '#src/lib/site-url.ts';
import { languageInfo, SUPPORTED_LANGUAGES } from '#src/i18n/languages.ts';
import type { SiteLanguages } from '#src/domain/articles/published-articles.ts';
import { pageLanguagesOf } from '../language-routing.ts';
import { respondWithPage, type PageResult } from '../page-response.ts';
import { registerIndexNowKeyRoute } from './indexnow-key-route.ts';
import { renderSitemapIndex, renderUrlSet } from './sitemap-documents.ts';

const XML = 'application/xml; charset=utf-8';
/** Sitemaps change with every publication, as lists do. */
const SITEMAP_TAGS = [LISTS_TAG, SITEMAP_TAG];

/** The sitemap files under /sitemaps/: articles by month (and part), the home pages, sections and static pages, tags, authors, news. */
const SITEMAP_FILE = /^(?:articles-(?<month>\d{4}-(?:0[1-9]|1[0-2]))|(?<kind>pages|tags|authors|news))(?:-(?<part>[2-9]|[1-9]\d{1,3}))?\.xml$/;

/** Where a language's pages live, by the language of their content (addressPrefixes). Each address is listed: hreflang links between them are on the pages themselves (the shared sitemap XSDs refuse xhtml:link). */
function prefixesOf(site: SiteLanguages): (language: string) => string[] {
  return (language) => addressPrefixes(language, site);
}

/** Kazakh articles have two addresses while the Latin edition is on. */
function addressesPerArticle(site: SiteLanguages): number {
  return pageLanguagesOf(site).includes('kk-Latn') ? 2 : 1;
}

/** Articles in one month file: as many as keep it within 50,000 URLs however many addresses each has. */
function articlesPerFile(site: SiteLanguages): number {
  return Math.floor(SITEMAP_MAX_URLS / addressesPerArticle(site));
}

/** An article's lead image entry with its caption; a path, which the sitemap stream resolves against the site's address as it does every URL. */
function imageEntry(article: SitemapArticle): Pick<SitemapItemLoose, 'img'> {
  if (!article.image) return {};
  return { img: [{ url: mediaUrl(article.image.fileKey), ...(article.image.caption ? { caption: article.image.caption } : {}) }] };
}

/** An article's sitemap entry at one of its addresses: its page, last change and lead image with caption. */
function articleEntry(article: SitemapArticle, prefix: string): SitemapItemLoose {
  return { url: `${prefix}${articlePath({ sectionSlug: article.sectionSlug, slug: article.slug })}`, lastmod: article.updatedAt, ...imageEntry(article) };
}

/** Each article's entries, one per address, made as the stream asks for them. */
function* articleEntries(articles: Iterable<SitemapArticle>, prefixes: (language: string) => string[]): Generator<SitemapItemLoose> {
  for (const article of articles) for (const prefix of prefixes(article.language)) yield articleEntry(article, prefix);
}

/** Names `file` of `count` entries split into 50,000-URL parts: "tags.xml", "tags-2.xml", ... */
function partNames(stem: string, count: number): string[] {
  const files = Math.max(1, Math.ceil(count / SITEMAP_MAX_URLS));
  return Array.from({ length: files }, (_, i) => `${stem}${i === 0 ? '' : `-${i + 1}`}.xml`);
}

/** The slice of `entries` that part `part` (1-based) holds; a part past the end is a 404. */
function partOf<T>(entries: T[], part: number): T[] {
  const slice = entries.slice((part - 1) * SITEMAP_MAX_URLS, part * SITEMAP_MAX_URLS);
  if (part > 1 && slice.length === 0) throw new NotFound('The sitemap');
  return slice;
}

async function renderSitemapFile(context: AppContext, sitemaps: PublishedSitemaps, file: string): Promise<string> {
  const baseUrl = context.config.baseUrl;
  const match = SITEMAP_FILE.exec(file);
  if (!match?.groups) throw new NotFound('The sitemap');
  const { month, kind } = match.groups;
  const part = Number(match.groups.part ?? 1);
  const site = await sitemaps.languages();
  const prefixes = prefixesOf(site);
  if (month) {
    const articles = await sitemaps.articlesOfMonth(month, part, articlesPerFile(site));
    if (articles.length === 0) throw new NotFound('The sitemap');
    return renderUrlSet(baseUrl, articleEntries(articles, prefixes));
  }
  if (kind === 'news') {
    if (part > 1) throw new NotFound('The sitemap');
    const { publication, articles } = await sitemaps.news();
    // A urlset must hold at least one URL (sitemap.xsd): on a day without news there is no file.
    if (articles.length === 0) throw new NotFound('The news sitemap (no articles in the last 48 hours)');
    return renderUrlSet(
      baseUrl,
      // Google News wants one entry per article: its own address, in its own language.
      articles.map((a) => ({
        ...articleEntry(a, prefixes(a.language)[0]!),
        news: { publication: { name: publication, language: a.language }, publication_date: a.publishedAt, title: a.title },
      })),
    );
  }
  if (kind === 'pages') {
    if (part > 1) throw new NotFound('The sitemap');
    const [sections, staticPages] = await Promise.all([sitemaps.sections(), sitemaps.staticPages()]);
    return renderUrlSet(baseUrl, [
      ...site.languages.flatMap((language) =>
        prefixes(language).flatMap((prefix) => [{ url: `${prefix}/` }, ...sections.map(({ slugIn }) => ({ url: `${prefix}${sectionPath(slugIn(language))}` }))]),
      ),
      // Static pages (About, Contacts …) in the languages the site still publishes in.
      ...staticPages
        .filter((page) => site.languages.includes(page.language))
        .flatMap((page) => prefixes(page.language).map((prefix) => ({ url: `${prefix}/${page.path}`, lastmod: page.updatedAt }))),
    ]);
  }
  const pathOf = kind === 'tags' ? tagPath : authorPath;
  const entries = (await sitemaps.terms(kind === 'tags' ? 'tag' : 'author')).flatMap((t) =>
    prefixes(t.language).map((prefix) => ({ url: `${prefix}${pathOf(t.slug)}`, lastmod: t.lastPublishedAt })),
  );
  return renderUrlSet(baseUrl, partOf(entries, part));
}

/** The sitemap index: every file above that has entries. */
async function renderIndex(context: AppContext, sitemaps: PublishedSitemaps): Promise<string> {
  const [months, tags, authors, hasNews, site] = await Promise.all([sitemaps.months(), sitemaps.terms('tag'), sitemaps.terms('author'), sitemaps.hasNews(), sitemaps.languages()]);
  const prefixes = prefixesOf(site);
  const addresses = (terms: Array<{ language: string }>) => terms.reduce((n, t) => n + prefixes(t.language).length, 0);
  const files = [
    'pages.xml',
    ...(hasNews ? ['news.xml'] : []),
    ...months.flatMap((m) => partNames(`articles-${m.month}`, Math.ceil(m.count / articlesPerFile(site)) * SITEMAP_MAX_URLS)),
    ...(tags.length > 0 ? partNames('tags', addresses(tags)) : []),
    ...(authors.length > 0 ? partNames('authors', addresses(authors)) : []),
  ];
  return renderSitemapIndex(files.map((f) => ({ url: siteUrl(context.config.baseUrl, `/sitemaps/${f}`) })));
}

/** robots.txt: crawlers may read the public site, not the newsroom, the APIs or search results; it names the sitemap index (which names the news sitemap while there is news). */
function renderRobots(baseUrl: string): string {
  return [
    'User-agent: *',
    'Disallow: /newsroom/',
    'Disallow: /api/',
    'Disallow: /search',
    // Every language's search page too (/ru/search, /kk-latn/search …).
    ...SUPPORTED_LANGUAGES.map((l) => `Disallow: /${l.prefix}/search`),
    '',
    `Sitemap: ${siteUrl(baseUrl, '/sitemap.xml')}`,
    '',
  ].join('\n');
}

/** GET /robots.txt, /sitemap.xml, /sitemaps/*.xml and the IndexNow key file, through the page cache like the pages. */
export function registerSitemapRoutes(app: FastifyInstance, context: AppContext, cache: PageCache): void {
  const sitemaps = createPublishedSitemaps(context);
  registerIndexNowKeyRoute(app, context, cache);
  const xml = (html: string): PageResult => ({ kind: 'page', html, tags: SITEMAP_TAGS, contentType: XML });

  app.get('/robots.txt', async (request, reply) =>
    respondWithPage(request, reply, cache, '/robots.txt', async () => ({ kind: 'page', html: renderRobots(context.config.baseUrl), tags: ['robots'], contentType: 'text/plain; charset=utf-8' })),
  );
  app.get('/sitemap.xml', async (request, reply) => respondWithPage(request, reply, cache, '/sitemap.xml', async () => xml(await renderIndex(context, sitemaps))));
  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (request, reply) => {
    const { file } = request.params;
    if (!SITEMAP_FILE.test(file)) throw new NotFound('The sitemap');
    return respondWithPage(request, reply, cache, `/sitemaps/${file}`, async () => xml(await renderSitemapFile(context, sitemaps, file)));
  });
}
