import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { LISTS_TAG } from '#src/cache/cache-invalidation.ts';
import { presentArticleCards } from '#src/domain/articles/article-presenter.ts';
import { authorPath, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import type { PublishedArticles, PublishedListFilter } from '#src/domain/articles/published-articles.ts';
import type { Section } from '#src/domain/sections/section-repository.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { NotFound } from '#src/lib/errors.ts';
import { renderDocument } from '#src/render/html-document.ts';
import { respondWithPage, type PageResult } from '../page-response.ts';
import { checkPageInRange, LIST_PAGE_SIZE, listKey, parsePageParam, requireSlugParam } from '../page-params.ts';
import { loadSiteChrome } from '../site-chrome.ts';
import { SiteLayout } from '../views/site-layout.tsx';
import { ListPageView } from '../views/list-page-view.tsx';

type ListSubject = {
  /** The h1. */
  heading: string;
  /** A line under the heading (section description, author bio); may be empty. */
  intro: string;
  /** "Section", "Tag", "Author": says what kind of list this is. */
  kind: string;
  path: string;
  /** Which articles it lists, given the site's sections (which the page loads for its menu anyway). */
  filter: (sections: readonly Section[]) => Omit<PublishedListFilter, 'language'>;
  tag: string;
  currentSectionSlug?: string;
};

async function renderList(context: AppContext, published: PublishedArticles, language: string, subject: ListSubject, page: number): Promise<PageResult> {
  const { chrome, tags: chromeTags } = await loadSiteChrome(published, language);
  const filter = { ...subject.filter(chrome.sections), language } as PublishedListFilter;
  const total = await published.count(filter);
  const totalPages = checkPageInRange(page, total);
  const records = await published.list(filter, { limit: LIST_PAGE_SIZE, offset: (page - 1) * LIST_PAGE_SIZE });
  const media = await published.leadMedia(records);
  const cards = presentArticleCards(records, media, chrome.settings);
  const canonical = new URL(listKey(subject.path, page), `${context.config.baseUrl}/`).toString();
  const title = page > 1 ? `${subject.heading} — page ${page}` : subject.heading;
  const description = subject.intro || `${subject.kind}: ${subject.heading}. Latest articles from ${chrome.settings.name}.`;
  const html = renderDocument(
    <SiteLayout
      chrome={chrome}
      title={title}
      description={description}
      canonicalUrl={canonical}
      currentSectionSlug={subject.currentSectionSlug}
      isSectionPage={page === 1}
      openGraph={{ type: 'website', url: canonical, title, description, image: null }}
    >
      <ListPageView heading={subject.heading} kind={subject.kind} intro={subject.intro} cards={cards} page={page} totalPages={totalPages} basePath={subject.path} />
    </SiteLayout>,
  );
  return { kind: 'page', html, tags: [LISTS_TAG, subject.tag, ...[...media.keys()].map((id) => `media:${id}`), ...chromeTags] };
}

/** 301 to where an old list path moved, else 404. */
async function redirectOrNotFound(published: PublishedArticles, path: string, what: string): Promise<PageResult> {
  const moved = await published.movedTo(path);
  if (moved) return { kind: 'redirect', location: moved };
  throw new NotFound(what);
}

/** GET /:sectionSlug, /tag/:slug, /author/:slug: paged lists of published articles. */
export function registerListPages(app: FastifyInstance, context: AppContext, cache: PageCache, published: PublishedArticles): void {
  app.get<{ Params: { sectionSlug: string } }>('/:sectionSlug', async (request, reply) => {
    const slug = requireSlugParam(request.params.sectionSlug);
    const page = parsePageParam(request.query);
    const path = sectionPath(slug);
    return respondWithPage(request, reply, cache, listKey(path, page), async () => {
      const language = await published.defaultLanguage();
      const section = await published.sectionBySlug(language, slug);
      if (!section) return redirectOrNotFound(published, path, 'The section');
      return renderList(
        context,
        published,
        language,
        {
          heading: section.name,
          intro: section.description,
          kind: 'Section',
          path,
          filter: (sections) => ({ sectionIds: sectionAndDescendants(sections, section.id) }),
          tag: `section:${section.id}`,
          currentSectionSlug: section.slug,
        },
        page,
      );
    });
  });

  app.get<{ Params: { slug: string } }>('/tag/:slug', async (request, reply) => {
    const slug = requireSlugParam(request.params.slug);
    const page = parsePageParam(request.query);
    const path = tagPath(slug);
    return respondWithPage(request, reply, cache, listKey(path, page), async () => {
      const language = await published.defaultLanguage();
      const tag = await published.tagBySlug(language, slug);
      if (!tag) return redirectOrNotFound(published, path, 'The tag');
      return renderList(context, published, language, { heading: tag.name, intro: '', kind: 'Tag', path, filter: () => ({ tagId: tag.id }), tag: `tag:${tag.id}` }, page);
    });
  });

  app.get<{ Params: { slug: string } }>('/author/:slug', async (request, reply) => {
    const slug = requireSlugParam(request.params.slug);
    const page = parsePageParam(request.query);
    const path = authorPath(slug);
    return respondWithPage(request, reply, cache, listKey(path, page), async () => {
      const language = await published.defaultLanguage();
      const author = await published.authorBySlug(language, slug);
      if (!author) return redirectOrNotFound(published, path, 'The author');
      return renderList(context, published, language, { heading: author.name, intro: author.bio, kind: 'Author', path, filter: () => ({ authorId: author.id }), tag: `author:${author.id}` }, page);
    });
  });
}
