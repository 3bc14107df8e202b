import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG, MOST_READ_TAG } from '#src/cache/cache-invalidation.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { presentArticleCards } from '#src/domain/articles/article-presenter.ts';
import { sectionPath } from '#src/domain/articles/public-paths.ts';
import type { PublishedArticles } from '#src/domain/articles/published-articles.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { languageAlternates } from '../language-alternates.ts';
import { mountedPath, respondInLanguage, type LanguageMount } from '../language-routing.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { HomeView } from '../views/home-view.tsx';
import { MostRead } from '../views/most-read.tsx';
import { mostReadItems } from '../most-read-items.ts';

/** Latest articles under the top story. */
const LATEST_COUNT = 8;
/** Articles in each section's block. */
const SECTION_BLOCK_COUNT = 4;

/** GET / (and /ru/, /kk/ …): the top story, the latest articles, and a block per section. */
export function registerHomePage(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles, mount: LanguageMount, readerViews: ReaderViews): void {
  app.get(mountedPath(mount, '/'), async (request, reply) =>
    respondInLanguage(request, reply, cache, published, mount, '/', async (resolved) => {
      const { lang, content: language } = resolved;
      const { chrome, tags: chromeTags } = await loadSiteChrome(published, language);
      const topSections = chrome.sections.filter((s) => s.parentId === null);
      const [latest, ...perSection] = await Promise.all([
        published.list({ language }, { limit: LATEST_COUNT + 1, offset: 0 }),
        ...topSections.map((s) =>
          published.list({ language, sectionIds: sectionAndDescendants(chrome.sections, s.id) }, { limit: SECTION_BLOCK_COUNT, offset: 0 }),
        ),
      ]);
      const all = [...latest!, ...perSection.flat()];
      const media = await published.leadMedia(all);
      const present = (records: typeof all) => presentArticleCards(records, media, chrome.settings, lang);
      const [top, ...rest] = present(latest!);
      const blocks = topSections
        .map((s, i) => ({ name: s.name, path: lang.path(sectionPath(s.slug)), cards: present(perSection[i]!) }))
        .filter((b) => b.cards.length > 0);
      const canonical = new URL(lang.path('/'), `${context.config.baseUrl}/`).toString();
      const { settings } = chrome;
      const html = renderDocument(
        <SiteLayout
          chrome={chrome}
          lang={lang}
          title={settings.name}
          description={settings.tagline}
          canonicalUrl={canonical}
          openGraph={{ type: 'website', url: canonical, title: settings.name, description: settings.tagline, image: null }}
          jsonLd={[{ '@context': 'https://schema.org', '@type': 'WebSite', name: settings.name, url: canonical, inLanguage: lang.code }]}
          languages={{ alternates: languageAlternates(resolved, context.config.baseUrl, () => '/'), defaultCode: resolved.defaultCode }}
        >
          <HomeView siteName={settings.name} top={top ?? null} latest={rest} blocks={blocks} lang={lang} />
          <MostRead items={mostReadItems(readerViews, resolved)} lang={lang} headingId="most-read-title" />
          <script src="/assets/language-suggestion.js" defer />
        </SiteLayout>,
      );
      return { kind: 'page' as const, html, tags: [LISTS_TAG, MOST_READ_TAG, 'home', ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags] };
    }),
  );
}
