import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { presentArticlePage } from '#src/domain/articles/article-presenter.ts';
import { articlePath } from '#src/domain/articles/public-paths.ts';
import { createPublishedArticles, type PublishedArticle, type PublishedArticles } from '#src/domain/articles/published-articles.ts';
import { nowIso } from '#src/lib/clock.ts';
import { NotFound } from '#src/lib/errors.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { respondWithPage, type PageResult } from '../page-response.ts';
import { requireSlugParam } from '../page-params.ts';
import { loadSiteChrome, siteOrigin, type SiteChromeResult } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { ArticleView } from '../views/article-view.tsx';

/** Renders an article and its images as the full public page; answers the HTML and its surrogate keys. */
function renderArticle(context: AppContext, { chrome, tags: chromeTags }: SiteChromeResult, { article, media }: PublishedArticle, robots?: string): { html: string; tags: string[] } {
  const model = presentArticlePage({ article, media, settings: chrome.settings, logo: chrome.logo, baseUrl: context.config.baseUrl, now: nowIso() });
  const html = renderDocument(
    <SiteLayout
      chrome={chrome}
      title={model.title}
      description={model.description}
      canonicalUrl={model.canonicalUrl}
      currentSectionSlug={article.section.slug}
      robots={robots}
      openGraph={{
        type: 'article',
        url: model.canonicalUrl,
        title: model.title,
        description: model.description,
        image: model.imageUrl,
        publishedTime: model.publishedIso,
        modifiedTime: model.modifiedIso,
      }}
      jsonLd={model.jsonLd}
    >
      <ArticleView model={model} siteOrigin={siteOrigin(context)} />
    </SiteLayout>,
  );
  const tags = [`article:${article.id}`, `section:${article.section.id}`, ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags];
  return { html, tags };
}

/** The exact public page HTML of any article whatever its status (the newsroom's preview). */
export async function renderArticlePreview(context: AppContext, articleId: number): Promise<string> {
  const published = createPublishedArticles(context);
  const article = await published.findForPreview(articleId);
  if (!article) throw new NotFound('The article');
  const chrome = await loadSiteChrome(published, article.article.language);
  // A preview must not be indexed if it leaks; otherwise it is the page readers will get.
  return renderArticle(context, chrome, article, 'noindex').html;
}

/** GET /:sectionSlug/:articleSlug: a published article, or 301 from an old path, or 404. */
export function registerArticlePage(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles): void {
  app.get<{ Params: { sectionSlug: string; articleSlug: string } }>('/:sectionSlug/:articleSlug', async (request, reply) => {
    const sectionSlug = requireSlugParam(request.params.sectionSlug);
    const articleSlug = requireSlugParam(request.params.articleSlug);
    const path = articlePath({ sectionSlug, slug: articleSlug });
    return respondWithPage(request, reply, cache, path, async (): Promise<PageResult> => {
      // The chrome is read beside the article, not after it: one round of queries fewer on a miss.
      const language = await published.defaultLanguage();
      const [article, chrome] = await Promise.all([published.findArticle(language, sectionSlug, articleSlug), loadSiteChrome(published, language)]);
      if (!article) {
        const moved = await published.movedTo(path);
        if (moved) return { kind: 'redirect', location: moved };
        throw new NotFound('The article');
      }
      return { kind: 'page', ...renderArticle(context, chrome, article) };
    });
  });
}
