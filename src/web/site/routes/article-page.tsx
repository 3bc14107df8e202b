import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { presentArticlePage } from '#src/domain/articles/article-presenter.ts';
import { articlePath } from '#src/domain/articles/public-paths.ts';
import { createPublishedArticles, type ArticlePageRecord, type PublishedArticle, type PublishedArticles, type TranslationRef } from '#src/domain/articles/published-articles.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { MOST_READ_TAG, translationGroupTag } from '#src/cache/cache-invalidation.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { nowIso } from '#src/lib/clock.ts';
import { siteUrl } from '#src/lib/site-url.ts';
import { NotFound } from '#src/lib/errors.ts';
import { renderDocument } from '#src/render/html-document.ts';
import type { PageResult } from '../page-response.ts';
import { languageAlternates } from '../language-alternates.ts';
import { contentLanguageOf, defaultPageCode, mountedPath, resolvedLanguage, respondInLanguage, type LanguageMount, type ResolvedLanguage } from '../language-routing.ts';
import { requireSlugParam } from '../page-params.ts';
import { loadSiteChrome, siteOrigin, type SiteChromeResult } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { ArticleView } from '../views/article-view.tsx';
import { MostRead, type MostReadItem } from '../views/most-read.tsx';
import { ViewBeacon } from '../views/view-beacon.tsx';
import { QuoteTool } from '../views/quote-tool.tsx';
import { countWords } from '#src/domain/articles/body-text.ts';
import { licenceRequestPath } from './licence-request-page.tsx';
import { mostReadItems } from '../most-read-items.ts';
import { staticPageResult } from './static-page.tsx';
import { countPageView } from '../page-views.ts';

/** What a public article page shows besides the article: "Most read" (none in a preview). */
type Surroundings = { mostRead?: readonly MostReadItem[] };

/** JSON-LD of a translation group (schema.org): a translation names its original, an original its translations. */
function translationJsonLd(article: ArticlePageRecord, refs: readonly TranslationRef[], urlOf: (ref: TranslationRef) => string): object {
  if (article.translationOfId !== null) {
    const original = refs.find((r) => r.id === article.translationOfId);
    return original ? { translationOfWork: { '@type': 'NewsArticle', '@id': urlOf(original), url: urlOf(original), inLanguage: original.language } } : {};
  }
  return refs.length > 0 ? { workTranslation: refs.map((r) => ({ '@type': 'NewsArticle', '@id': urlOf(r), url: urlOf(r), inLanguage: r.language })) } : {};
}

/**
 * Renders an article and its images as the full public page; answers the HTML, its surrogate keys
 * and, where views are counted on the server, the article whose view a request of it is (ADR 0073).
 */
function renderArticle(
  context: AppContext,
  resolved: ResolvedLanguage,
  { chrome, tags: chromeTags }: SiteChromeResult,
  { article, media, translations: refs }: PublishedArticle,
  { mostRead }: Surroundings,
  robots?: string,
): { html: string; tags: string[]; viewOf?: number } {
  const { lang } = resolved;
  const baseUrl = context.config.baseUrl;
  const model = presentArticlePage({ article, media, settings: chrome.settings, logo: chrome.logo, baseUrl, now: nowIso(), lang });
  const ownPath = articlePath({ sectionSlug: article.section.slug, slug: article.slug });
  const pathIn = (language: string) => {
    if (language === article.language) return ownPath;
    const ref = refs.find((r) => r.language === language);
    return ref ? articlePath({ sectionSlug: ref.sectionSlug, slug: ref.slug }) : null;
  };
  const alternates = languageAlternates(resolved, baseUrl, pathIn);
  const urlOf = (ref: TranslationRef) => alternates.find((a) => contentLanguageOf(a.code) === ref.language)?.url ?? siteUrl(baseUrl, articlePath({ sectionSlug: ref.sectionSlug, slug: ref.slug }));
  const [newsArticle, ...otherJsonLd] = model.jsonLd;
  const licencePath = lang.path(licenceRequestPath(article.id));
  // The words a reader sees as the reuse checker counts them: title, standfirst and body.
  const wordCount = countWords(article.title) + countWords(article.standfirst) + article.wordCount;
  // Behind a CDN the page itself reports its view; otherwise the request for it is the view.
  const countsByBeacon = chrome.settings.viewCounting === 'beacon';
  const html = renderDocument(
    <SiteLayout
      chrome={chrome}
      lang={lang}
      title={model.documentTitle}
      description={model.description}
      canonicalUrl={model.canonicalUrl}
      currentSectionSlug={article.section.slug}
      robots={robots}
      openGraph={{
        type: 'article',
        url: model.canonicalUrl,
        title: model.social.title,
        description: model.social.description,
        image: model.social.imageUrl,
        imageAlt: model.social.imageAlt,
        publishedTime: model.publishedIso,
        modifiedTime: model.modifiedIso,
      }}
      jsonLd={[{ ...newsArticle, ...translationJsonLd(article, refs, urlOf), acquireLicensePage: siteUrl(baseUrl, licencePath) }, ...otherJsonLd]}
      languages={{ alternates, defaultCode: resolved.defaultCode }}
    >
      <ArticleView model={model} siteOrigin={siteOrigin(context)} lang={lang} licencePath={licencePath} />
      {mostRead ? (
        <>
          <div class="article-page">
            <MostRead items={mostRead} lang={lang} headingId="most-read-title" />
          </div>
          {countsByBeacon ? <ViewBeacon articleId={article.id} /> : null}
          <QuoteTool wordCount={wordCount} sharePercent={chrome.settings.reuseSharePercent} licenceUrl={licencePath} lang={lang} />
        </>
      ) : null}
    </SiteLayout>,
  );
  const tags = [
    `article:${article.id}`,
    translationGroupTag(article),
    ...(mostRead ? [MOST_READ_TAG] : []),
    `section:${article.section.id}`,
    // By id, whichever order the images were read in (from memory or the database).
    ...[...media.keys()].sort((a, b) => a - b).map((id) => `media:${id}`),
    ...chromeTags,
  ];
  return { html, tags, ...(mostRead && !countsByBeacon ? { viewOf: article.id } : {}) };
}

/** The exact public page HTML of any article whatever its status (the newsroom's preview), in the article's language. */
export async function renderArticlePreview(context: AppContext, articleId: number): Promise<string> {
  const published = createPublishedArticles(context);
  const article = await published.findForPreview(articleId);
  if (!article) throw new NotFound('The article');
  const [site, chrome] = await Promise.all([published.languageSettings(), loadSiteChrome(published, article.article.language)]);
  const resolved = resolvedLanguage(canonicalLanguageCode(article.article.language) ?? defaultPageCode(site), site);
  // A preview must not be indexed if it leaks; otherwise it is the page readers will get.
  return renderArticle(context, resolved, chrome, article, {}, 'noindex').html;
}

/** GET /:sectionSlug/:articleSlug (and /ru/…, /kk/…): a published article in the page's language, or 301 from an old path, or 404. */
export function registerArticlePage(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles, mount: LanguageMount, readerViews: ReaderViews): void {
  app.get<{ Params: { sectionSlug: string; articleSlug: string } }>(mountedPath(mount, '/:sectionSlug/:articleSlug'), async (request, reply) => {
    const sectionSlug = requireSlugParam(request.params.sectionSlug);
    const articleSlug = requireSlugParam(request.params.articleSlug);
    const path = articlePath({ sectionSlug, slug: articleSlug });
    return respondInLanguage(request, reply, cache, published, mount, path, async (resolved): Promise<PageResult> => {
      // The chrome is read beside the article, not after it: one round of queries fewer on a miss.
      const [article, chrome] = await Promise.all([published.findArticle(resolved.content, sectionSlug, articleSlug), loadSiteChrome(published, resolved.content)]);
      if (!article) {
        // A subpage (/about/team) shares this address shape: its parent's slug never is a section's.
        const staticPage = await staticPageResult(context, published, resolved, `${sectionSlug}/${articleSlug}`);
        if (staticPage) return staticPage;
        const moved = await published.movedTo(resolved.lang.path(path));
        if (moved) return { kind: 'redirect', location: moved };
        throw new NotFound('The article');
      }
      return { kind: 'page', ...renderArticle(context, resolved, chrome, article, { mostRead: mostReadItems(readerViews, resolved, article.article.id) }) };
    }, (page) => countPageView(readerViews, request.raw, page));
  });
}
