import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG, MOST_READ_TAG, mainPageTag } from '#src/cache/cache-invalidation.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { presentArticleCards } from '#src/domain/articles/article-presenter.ts';
import { sectionPath } from '#src/domain/articles/public-paths.ts';
import { createPublishedArticles, type PublishedArticles } from '#src/domain/articles/published-articles.ts';
import type { MainPageLayout } from '#src/domain/curation/curation-schema.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { nowIso } from '#src/lib/clock.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { languageAlternates } from '../language-alternates.ts';
import { defaultPageCode, mountedPath, resolvedLanguage, respondInLanguage, type LanguageMount, type ResolvedLanguage } from '../language-routing.ts';
import { mainPageContent } from '../main-page-content.ts';
import type { PageResult } from '../page-response.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { HomeView, type HomeBlock } from '../views/home-view.tsx';
import { MostRead, type MostReadItem } from '../views/most-read.tsx';
import { mostReadItems } from '../most-read-items.ts';
import { siteUrl } from '#src/lib/site-url.ts';

/**
 * A language's Main Page under `layout` (null: by recency): the banner, the top story and the
 * blocks in the layout's order (ADR 0035). Cached pages carry the language's Main Page key, so a
 * layout going live drops exactly them; a banner's end is the page's expiry, so it disappears on
 * time with no event. A preview passes a draft layout and `robots: 'noindex'`.
 */
async function renderMainPage(
  context: AppContext,
  published: PublishedArticles,
  resolved: ResolvedLanguage,
  layout: MainPageLayout | null,
  mostRead: readonly MostReadItem[],
  robots?: string,
): Promise<PageResult & { kind: 'page' }> {
  const { lang, content: language } = resolved;
  const { chrome, tags: chromeTags } = await loadSiteChrome(published, language);
  const content = await mainPageContent(published, language, chrome.sections, layout, nowIso());
  const all = [...(content.top ? [content.top] : []), ...content.blocks.flatMap((b) => b.records)];
  const media = await published.leadMedia(all);
  const present = (records: typeof all) => presentArticleCards(records, media, chrome.settings, lang);
  const blocks = content.blocks.map(
    (b): HomeBlock =>
      b.kind === 'latest' ? { kind: 'latest', cards: present(b.records) } : { kind: 'section', name: b.section.name, path: lang.path(sectionPath(b.section.slug)), cards: present(b.records) },
  );
  const canonical = siteUrl(context.config.baseUrl, lang.path('/'));
  const { settings } = chrome;
  const html = renderDocument(
    <SiteLayout
      chrome={chrome}
      lang={lang}
      title={settings.name}
      description={settings.tagline}
      canonicalUrl={canonical}
      robots={robots}
      openGraph={{ type: 'website', url: canonical, title: settings.name, description: settings.tagline, image: null }}
      jsonLd={[{ '@context': 'https://schema.org', '@type': 'WebSite', name: settings.name, url: canonical, inLanguage: lang.code }]}
      languages={{ alternates: languageAlternates(resolved, context.config.baseUrl, () => '/'), defaultCode: resolved.defaultCode }}
    >
      <HomeView siteName={settings.name} banner={content.banner} top={content.top ? present([content.top])[0]! : null} blocks={blocks} lang={lang} />
      <MostRead items={mostRead} lang={lang} headingId="most-read-title" />
      <script src="/assets/language-suggestion.js" defer />
    </SiteLayout>,
  );
  return {
    kind: 'page',
    html,
    tags: [LISTS_TAG, MOST_READ_TAG, 'home', mainPageTag(language), ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags],
    ...(content.banner ? { expiresAt: content.banner.endsAt } : {}),
  };
}

/**
 * The Main Page of `language` as it would look under a draft `layout`, for the newsroom's
 * preview (the caller has asked the curation policy): never cached, never indexed, no "Most read".
 */
export async function renderMainPagePreview(context: AppContext, language: string, layout: MainPageLayout): Promise<string> {
  const published = createPublishedArticles(context);
  const site = await published.languageSettings();
  const resolved = resolvedLanguage(canonicalLanguageCode(language) ?? defaultPageCode(site), site);
  return (await renderMainPage(context, published, resolved, layout, [], 'noindex')).html;
}

/** GET / (and /ru/, /kk/ …): the language's Main Page under its live layout. */
export function registerHomePage(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles, mount: LanguageMount, readerViews: ReaderViews): void {
  app.get(mountedPath(mount, '/'), async (request, reply) =>
    respondInLanguage(request, reply, cache, published, mount, '/', async (resolved) =>
      renderMainPage(context, published, resolved, await published.mainPageLayout(resolved.content), mostReadItems(readerViews, resolved)),
    ),
  );
}
