import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG, sectionPageTag } from '#src/cache/cache-invalidation.ts';
import { sectionPagePins } from '#src/domain/curation/main-page-layout.ts';
import { presentArticleCards } from '#src/domain/articles/article-presenter.ts';
import { authorPath, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import type { ArticleCardRecord, PublishedArticles, PublishedTermFilter } from '#src/domain/articles/published-articles.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { NotFound } from '#src/lib/errors.ts';
import { renderDocument } from '#src/render/html-document.ts';
import type { PageResult } from '../page-response.ts';
import { languageAlternates } from '../language-alternates.ts';
import { mountedPath, respondInLanguage, type LanguageMount, type ResolvedLanguage } from '../language-routing.ts';
import { feedLinks } from '../feeds/feed-formats.ts';
import { checkPageInRange, LIST_PAGE_SIZE, listKey, parsePageParam, requireSlugParam } from '../page-params.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { ListPageView } from '../views/list-page-view.tsx';
import { staticPageResult } from './static-page.tsx';
import { siteUrl } from '#src/lib/site-url.ts';

type ListSubject = {
  /** The h1. */
  heading: string;
  /** A line under the heading (section description, author bio); may be empty. */
  intro: string;
  /** Says what kind of list this is ("Section", "Tag", "Author" in the page's language). */
  kind: 'list.kind.section' | 'list.kind.tag' | 'list.kind.author';
  /** The list's path without a language prefix. */
  path: string;
  /** The list's path among another language's pages (its term's slug in that language). */
  pathIn: (language: string) => string;
  /** Which articles it lists, given the site's sections (which the page loads for its menu anyway). */
  filter: (sections: readonly Section[]) => { sectionIds: number[] } | { tagId: number } | { authorId: number };
  tag: string;
  currentSectionSlug?: string;
  /** A section page's section: its first page starts with the stories pinned there (ADR 0035). */
  pinnedSectionId?: number;
};

/**
 * The first page of a section's list: its pinned stories that readers still see (in the
 * section or its subsections), then the newest others; later pages are the plain list.
 */
async function withPins(published: PublishedArticles, language: string, sectionIds: readonly number[], sectionId: number, records: ArticleCardRecord[]): Promise<ArticleCardRecord[]> {
  const pins = sectionPagePins(await published.mainPageLayout(language), sectionId);
  if (pins.length === 0) return records;
  const pinned = (await published.cardsInOrder(language, pins)).filter((c) => sectionIds.includes(c.section.id));
  const ids = new Set(pinned.map((c) => c.id));
  return [...pinned, ...records.filter((c) => !ids.has(c.id))];
}

async function renderList(context: AppContext, published: PublishedArticles, resolved: ResolvedLanguage, subject: ListSubject, page: number): Promise<PageResult> {
  const { lang, content: language } = resolved;
  const { t } = lang.translator;
  const { chrome, tags: chromeTags } = await loadSiteChrome(published, language);
  const filter = { ...subject.filter(chrome.sections), language } as PublishedTermFilter;
  const total = await published.count(filter);
  const totalPages = checkPageInRange(page, total);
  const listed = await published.list(filter, { limit: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE, total });
  const isPinnedPage = subject.pinnedSectionId !== undefined && page === 1;
  const records = isPinnedPage ? await withPins(published, language, filter.sectionIds ?? [], subject.pinnedSectionId!, listed) : listed;
  const media = await published.leadMedia(records);
  const cards = presentArticleCards(records, media, chrome.settings, lang);
  const basePath = lang.path(subject.path);
  const kind = t(subject.kind);
  const canonical = siteUrl(context.config.baseUrl, listKey(basePath, page));
  const title = page > 1 ? t('list.titleWithPage', { title: subject.heading, page }) : subject.heading;
  const description = subject.intro || t('list.description', { kind, heading: subject.heading, site: chrome.settings.name });
  // Later pages of a list differ between languages: only the first page names its versions (hreflang).
  const alternates = languageAlternates(resolved, context.config.baseUrl, subject.pathIn).map((a) => (page > 1 ? { ...a, url: null } : a));
  const html = renderDocument(
    <SiteLayout
      chrome={chrome}
      lang={lang}
      title={title}
      description={description}
      canonicalUrl={canonical}
      currentSectionSlug={subject.currentSectionSlug}
      isSectionPage={page === 1}
      openGraph={{ type: 'website', url: canonical, title, description, image: null }}
      languages={{ alternates, defaultCode: resolved.defaultCode }}
      feeds={feedLinks(basePath, subject.heading)}
    >
      <ListPageView heading={subject.heading} kind={kind} intro={subject.intro} cards={cards} page={page} totalPages={totalPages} basePath={basePath} lang={lang} />
    </SiteLayout>,
  );
  const pinTags = isPinnedPage ? [sectionPageTag(language, subject.pinnedSectionId!)] : [];
  return { kind: 'page', html, tags: [LISTS_TAG, subject.tag, ...pinTags, ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags] };
}

/** 301 to where an old list path moved, else 404. */
async function redirectOrNotFound(published: PublishedArticles, path: string, what: string): Promise<PageResult> {
  const moved = await published.movedTo(path);
  if (moved) return { kind: 'redirect', location: moved };
  throw new NotFound(what);
}

/** GET /:sectionSlug, /tag/:slug, /author/:slug (and /ru/…, /kk/…): paged lists of published articles in the page's language. */
export function registerListPages(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles, mount: LanguageMount): void {
  app.get<{ Params: { sectionSlug: string } }>(mountedPath(mount, '/:sectionSlug'), async (request, reply) => {
    const slug = requireSlugParam(request.params.sectionSlug);
    const page = parsePageParam(request.query);
    const path = sectionPath(slug);
    return respondInLanguage(request, reply, cache, published, mount, listKey(path, page), async (resolved) => {
      const section = await published.sectionBySlug(resolved.content, slug);
      if (!section) {
        // A static page at the root (/about) shares this address shape; its slug never is a section's.
        const staticPage = page === 1 ? await staticPageResult(context, published, resolved, slug) : null;
        return staticPage ?? redirectOrNotFound(published, resolved.lang.path(path), 'The section');
      }
      const slugIn = await published.termSlugs('section', section.id);
      return renderList(
        context,
        published,
        resolved,
        {
          heading: section.name,
          intro: section.description,
          kind: 'list.kind.section',
          path,
          pathIn: (language) => sectionPath(slugIn(language)),
          filter: (sections) => ({ sectionIds: sectionAndDescendants(sections, section.id) }),
          tag: `section:${section.id}`,
          currentSectionSlug: section.slug,
          pinnedSectionId: section.id,
        },
        page,
      );
    });
  });

  app.get<{ Params: { slug: string } }>(mountedPath(mount, '/tag/:slug'), async (request, reply) => {
    const slug = requireSlugParam(request.params.slug);
    const page = parsePageParam(request.query);
    const path = tagPath(slug);
    return respondInLanguage(request, reply, cache, published, mount, listKey(path, page), async (resolved) => {
      const tag = await published.tagBySlug(resolved.content, slug);
      if (!tag) return redirectOrNotFound(published, resolved.lang.path(path), 'The tag');
      const slugIn = await published.termSlugs('tag', tag.id);
      const subject: ListSubject = { heading: tag.name, intro: '', kind: 'list.kind.tag', path, pathIn: (l) => tagPath(slugIn(l)), filter: () => ({ tagId: tag.id }), tag: `tag:${tag.id}` };
      return renderList(context, published, resolved, subject, page);
    });
  });

  app.get<{ Params: { slug: string } }>(mountedPath(mount, '/author/:slug'), async (request, reply) => {
    const slug = requireSlugParam(request.params.slug);
    const page = parsePageParam(request.query);
    const path = authorPath(slug);
    return respondInLanguage(request, reply, cache, published, mount, listKey(path, page), async (resolved) => {
      const author = await published.authorBySlug(resolved.content, slug);
      if (!author) return redirectOrNotFound(published, resolved.lang.path(path), 'The author');
      const slugIn = await published.termSlugs('author', author.id);
      const subject: ListSubject = {
        heading: author.name,
        intro: author.bio,
        kind: 'list.kind.author',
        path,
        pathIn: (l) => authorPath(slugIn(l)),
        filter: () => ({ authorId: author.id }),
        tag: `author:${author.id}`,
      };
      return renderList(context, published, resolved, subject, page);
    });
  });
}
