import type { AppContext } from '#src/app-context.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { createPublishedArticles, type PublishedArticles, type PublishedStaticPage } from '#src/domain/articles/published-articles.ts';
import { bodyToPlainText } from '#src/domain/articles/body-text.ts';
import { NotFound } from '#src/lib/errors.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { pageTag } from '#src/cache/cache-invalidation.ts';
import type { PageResult } from '../page-response.ts';
import { languageAlternates } from '../language-alternates.ts';
import { defaultPageCode, resolvedLanguage, type ResolvedLanguage } from '../language-routing.ts';
import { loadSiteChrome, siteOrigin, type SiteChromeResult } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { StaticPageView } from '../views/static-page-view.tsx';
import { siteUrl } from '#src/lib/site-url.ts';

/** A plain description for search results and link previews: the body's opening words. */
function describe(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= 200 ? clean : `${clean.slice(0, 197).replace(/\s+\S*$/, '')}…`;
}

/** Renders a static page as the full public page; answers the HTML and its surrogate keys. */
function renderStaticPage(context: AppContext, resolved: ResolvedLanguage, { chrome, tags: chromeTags }: SiteChromeResult, { page, media, parent }: PublishedStaticPage, robots?: string): { html: string; tags: string[] } {
  const { lang } = resolved;
  const ownPath = `/${page.path}`;
  const canonicalUrl = siteUrl(context.config.baseUrl, lang.path(ownPath));
  const description = describe(bodyToPlainText(page.body));
  const html = renderDocument(
    <SiteLayout
      chrome={chrome}
      lang={lang}
      title={page.title}
      description={description || undefined}
      canonicalUrl={canonicalUrl}
      currentPagePath={page.path}
      robots={robots}
      // A page has no linked translations (ADR 0031): the switcher leads to the other languages' Main Pages.
      languages={{ alternates: languageAlternates(resolved, context.config.baseUrl, (language) => (language === page.language ? ownPath : null)), defaultCode: resolved.defaultCode }}
      openGraph={{ type: 'website', url: canonicalUrl, title: page.title, description, image: null }}
      jsonLd={[
        {
          '@context': 'https://schema.org',
          '@type': 'WebPage',
          '@id': canonicalUrl,
          url: canonicalUrl,
          name: page.title,
          inLanguage: lang.code,
          ...(page.publishedAt ? { datePublished: page.publishedAt } : {}),
          dateModified: page.updatedAt,
        },
      ]}
    >
      <StaticPageView
        model={{ title: page.title, body: page.body, media, parent: parent ? { name: parent.title, path: lang.path(`/${parent.path}`) } : null }}
        siteOrigin={siteOrigin(context)}
        lang={lang}
      />
    </SiteLayout>,
  );
  const tags = [pageTag(page.id), ...(parent ? [pageTag(parent.id)] : []), ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags];
  return { html, tags };
}

/**
 * The public page of the static page at `path` (below the language prefix, 'about' or
 * 'about/team') in the page's language, or null when there is none: the section and article
 * routes, which own those address shapes, ask here before they answer 404.
 */
export async function staticPageResult(context: AppContext, published: PublishedArticles, resolved: ResolvedLanguage, path: string): Promise<PageResult | null> {
  const [found, chrome] = await Promise.all([published.staticPage(resolved.content, path), loadSiteChrome(published, resolved.content)]);
  if (!found) return null;
  return { kind: 'page', ...renderStaticPage(context, resolved, chrome, found) };
}

/** The exact public HTML of a page in any state (the newsroom's preview), in its language, never to be indexed. */
export async function renderStaticPagePreview(context: AppContext, pageId: number): Promise<string> {
  const published = createPublishedArticles(context);
  const found = await published.staticPageForPreview(pageId);
  if (!found) throw new NotFound('The page');
  const [site, chrome] = await Promise.all([published.languageSettings(), loadSiteChrome(published, found.page.language)]);
  const resolved = resolvedLanguage(canonicalLanguageCode(found.page.language) ?? defaultPageCode(site), site);
  return renderStaticPage(context, resolved, chrome, found, 'noindex').html;
}
