import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import { findAuthorById, type Author } from '#src/domain/people/author-repository.ts';
import { findRedirect } from '#src/domain/redirects/redirect-repository.ts';
import { findSectionById, listSections, type Section } from '#src/domain/sections/section-repository.ts';
import { sectionAndDescendants } from '#src/domain/sections/section-tree.ts';
import { loadSettings, settingsIn, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { findTagById, type Tag } from '#src/domain/tags/tag-repository.ts';
import {
  findTermIdBySlug,
  findTermTranslation,
  listTermTranslations,
  localizeTerm,
  type TermKind,
} from '#src/domain/taxonomy/term-translation-repository.ts';
import { findLiveRevision } from '#src/domain/curation/main-page-repository.ts';
import type { MainPageLayout } from '#src/domain/curation/curation-schema.ts';
import { searchPublished, type SearchResults } from '#src/domain/search/published-search.ts';
import type { SearchQuery } from '#src/domain/search/search-query.ts';
import type { SearchFilter } from '#src/domain/search/search-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { batchMemoFor, readMemoFor, type BatchMemo } from '#src/lib/read-memo.ts';
import type { EventBus } from '#src/lib/events.ts';
import { findPageById, findPublishedPageByPath, listMenuPages, type PageRecord } from '#src/domain/pages/page-repository.ts';
import { figureMediaIds } from './article-body.ts';
import { articleMediaIds } from './article-body.ts';
import { findFeedEntryDetails, type FeedEntryDetails } from './feed-entry-repository.ts';
import {
  countPublishedArticles,
  findArticlePageById,
  findPublishedArticleCards,
  findPublishedArticlePage,
  listPublishedArticlePages,
  listPublishedArticles,
  type ArticleCardRecord,
  type ArticlePage,
  type ArticlePageRecord,
  type ListPage,
  type PublishedListFilter,
  type PublishedTermFilter,
  type TranslationRef,
} from './published-article-repository.ts';

export type { ArticleCardRecord, ArticlePageRecord, FeedEntryDetails, ListPage, PublishedListFilter, PublishedTermFilter, TranslationRef };

/** Which languages the site publishes in (BCP 47 codes of settings), which sits at the root, and whether Kazakh has a Latin-script edition. */
export type SiteLanguages = { languages: string[]; defaultLanguage: string; kazakhLatin: boolean };

/** An article page's record, the library images it shows (lead and figures) and its other published language versions, by language. */
export type PublishedArticle = { article: ArticlePageRecord; media: Map<number, MediaView>; translations: TranslationRef[] };

/** What every public page's header and footer show, in one language: the site settings (settingsIn), its sections (named in it), the logo image, the static pages placed in the header and footer menus. */
export type SiteChromeData = { settings: SiteSettings; sections: Section[]; logo: MediaView | null; menus: PageMenus };

/** The published static pages of one language in the header and footer menus, in order (paths without the language prefix). */
export type PageMenus = Awaited<ReturnType<typeof listMenuPages>>;

/** A published static page, the library images its body places, and its parent (for the breadcrumb) when it is a subpage. */
export type PublishedStaticPage = { page: PageRecord; media: Map<number, MediaView>; parent: { id: number; title: string; path: string } | null };

/**
 * Library images the site's pages show, at most: a few thousand MediaViews (a kilobyte or two
 * each). Past that the memo starts again empty (a cold archive's images are not worth an eviction order).
 */
const IMAGES_HELD = 5_000;

/** The memo of library images of each event bus: one per process, whichever read model (a preview makes one per request) reads through it. */
const imageMemos = new WeakMap<EventBus, BatchMemo<number, MediaView>>();

/**
 * Library images by id for every page (an article's lead and figures, a list's card images, the
 * logo, a static page's figures, a full-text feed's bodies): from memory, dropped by media.updated
 * (the only change of an image after its upload: images are never deleted) and the other events of
 * read-memo.ts, as the Content API's lead images (ADR 0048); straight from the database without an
 * event bus (a script, a unit test). On a list page the images' query with their variants cost as
 * much as a list query (ADR 0058 memoized the article page's only).
 */
function libraryImagesReader(db: Executor, events: EventBus | undefined): (ids: Iterable<number>) => Promise<Map<number, MediaView>> {
  if (!events) return (ids) => findMediaByIds(db, [...new Set(ids)]);
  let memo = imageMemos.get(events);
  if (!memo) imageMemos.set(events, (memo = batchMemoFor(events, (ids: number[]) => findMediaByIds(db, ids), IMAGES_HELD)));
  const held = memo;
  return (ids) => held.read(ids);
}

/**
 * A section's, tag's or author's slug in each language: its translation's where it has one, its
 * own (the default language's) otherwise. Also read inside a change's transaction (publish pings).
 */
export async function termSlugsOf(db: Executor, kind: Exclude<TermKind, 'location'>, termId: number): Promise<(language: string) => string> {
  const find = { section: findSectionById, tag: findTagById, author: findAuthorById }[kind];
  const [term, translations] = await Promise.all([find(db, termId), listTermTranslations(db, kind, [termId])]);
  const own = translations.get(termId) ?? {};
  return (language) => own[language]?.slug ?? term?.slug ?? '';
}

/**
 * The one read path of published content: what readers may see, as of the moment of asking. Pages,
 * feeds and search (and the Content API and sitemaps to come) read through here, never through a
 * repository, so "published and visible" has one meaning: status published and published_at
 * reached (publishedScope in published-article-repository.ts). The site's chrome and the subjects of
 * its lists (section, tag, author by slug) are read here too: one place says what readers can see.
 * Every lookup a reader's address makes takes the page's language (a BCP 47 code of the site's):
 * slugs and names of sections, tags and authors are that language's (their translation's where
 * they have one, their own otherwise), and lists hold that language's articles only.
 */
export function createPublishedArticles(context: Pick<AppContext, 'database'> & Partial<Pick<AppContext, 'events'>>, now: () => string = nowIso) {
  const db = context.database.db;
  // Settings and the chrome are read by every page and change only through events (read-memo.ts);
  // without an event bus to hear them (a script, a unit test) every read goes to the database.
  const memo = context.events ? readMemoFor(context.events) : undefined;
  const remembered = <T>(key: string, load: () => Promise<T>): Promise<T> => (memo ? memo.read(key, load) : load());
  const images = libraryImagesReader(db, context.events);
  const settings = () => remembered('settings', () => loadSettings(db));
  // Every section with its names in each language: the menus show them and addresses name them
  // (taxonomy.updated drops them with the pages that show them).
  const sectionDirectory = () =>
    remembered('sections', async () => {
      const [sections, translations] = await Promise.all([listSections(db), listTermTranslations(db, 'section')]);
      return { sections, translations };
    });

  /**
   * The section at `slug` in `language`, named in it: its translation's slug where it has one in
   * that language, its own otherwise (findTermIdBySlug's rule, answered from memory).
   */
  async function sectionAt(language: string, slug: string): Promise<Section | undefined> {
    const { sections, translations } = await sectionDirectory();
    for (const section of sections) {
      const translation = translations.get(section.id)?.[language];
      if ((translation ? translation.slug : section.slug) === slug) return localizeTerm(section, translation, 'description');
    }
    return undefined;
  }

  /** An article page with its lead and figure images. */
  async function withMedia(page: ArticlePage): Promise<PublishedArticle> {
    return { ...page, media: await images(articleMediaIds(page.article)) };
  }

  /** A static page with the images its body places and its parent (for the breadcrumb). */
  async function withPageSurroundings(page: PageRecord): Promise<PublishedStaticPage> {
    const [media, parent] = await Promise.all([images(figureMediaIds(page.body)), page.parentId !== null ? findPageById(db, page.parentId) : undefined]);
    return { page, media, parent: parent ? { id: parent.id, title: parent.title, path: parent.path } : null };
  }

  /** The term of `kind` at `slug` in `language`, read by `find` and named in that language. */
  async function termBySlug<T extends { name: string; slug: string }>(
    kind: Exclude<TermKind, 'location'>,
    language: string,
    slug: string,
    find: (id: number) => Promise<T | undefined>,
    descriptionKey?: keyof T & string,
  ): Promise<T | undefined> {
    const id = await findTermIdBySlug(db, kind, language, slug);
    if (id === undefined) return undefined;
    const [term, translation] = await Promise.all([find(id), findTermTranslation(db, kind, id, language)]);
    return term && localizeTerm(term, translation, descriptionKey);
  }

  return {
    /** The `language` article at /sectionSlug/articleSlug (the section's slug in that language) if readers may see it now. */
    async findArticle(language: string, sectionSlug: string, articleSlug: string): Promise<PublishedArticle | undefined> {
      const section = await sectionAt(language, sectionSlug);
      const page = section && (await findPublishedArticlePage(db, language, section.id, articleSlug, now()));
      return page ? withMedia(page) : undefined;
    },

    /** The other published versions of the article `id` (its translation group but itself), as its page reads them. */
    async translationsOf(id: number): Promise<TranslationRef[]> {
      return (await findArticlePageById(db, id, now()))?.translations ?? [];
    },

    /** Any article's page whatever its state, for the newsroom preview (the caller has asked the article policy). */
    async findForPreview(id: number): Promise<PublishedArticle | undefined> {
      const page = await findArticlePageById(db, id, now());
      return page ? withMedia(page) : undefined;
    },

    /** Published articles of a list (in `filter.language`), newest first: `limit` from `offset`; `total` (the list's `count`, if read) lets a deep page be read from the oldest end. */
    list(filter: PublishedListFilter, page: { limit: number; offset: number; total?: number }): Promise<ArticleCardRecord[]> {
      return listPublishedArticles(db, filter, page, now());
    },

    /** The first pages of several lists at once, in the order asked (the Main Page's blocks; on PostgreSQL one prepared plan serves every run, so not for deep pages): each as `list` answers it, in two queries (the ids, then their cards). */
    lists(pages: readonly ListPage[]): Promise<ArticleCardRecord[][]> {
      return listPublishedArticlePages(db, pages, now());
    },

    /** A page of readers' search results in `filter.language` (domain/search), best first, with highlighted titles and snippets. */
    search(query: SearchQuery, filter: Omit<SearchFilter, 'terms'>, page: { limit: number; offset: number }): Promise<SearchResults> {
      return searchPublished(context.database, query, filter, page, now());
    },

    /**
     * The cards of the articles `ids` that readers see now in `language`, in the order of `ids`
     * (pinned stories: one unpublished or trashed since it was pinned is left out).
     */
    async cardsInOrder(language: string, ids: readonly number[]): Promise<ArticleCardRecord[]> {
      const found = new Map((await findPublishedArticleCards(db, [...new Set(ids)], now())).filter((c) => c.language === language).map((c) => [c.id, c]));
      return ids.flatMap((id) => found.get(id) ?? []);
    },

    /** The live layout of `language`'s Main Page and section pages (ADR 0035), or null while it fills by recency. */
    async mainPageLayout(language: string): Promise<MainPageLayout | null> {
      return (await findLiveRevision(db, language))?.layout ?? null;
    },

    /** How many published articles a section's, tag's or author's list (in `filter.language`) has now: the count kept with the articles (migration 0042). */
    count(filter: PublishedTermFilter): Promise<number> {
      return countPublishedArticles(db, filter, now());
    },

    /** The lead images of some cards, by media id. */
    leadMedia(cards: readonly ArticleCardRecord[]): Promise<Map<number, MediaView>> {
      return images(cards.flatMap((c) => (c.leadMediaId !== null ? [c.leadMediaId] : [])));
    },

    /** Library images by id (those the bodies of a feed's items place, when feeds carry the full text). */
    media(ids: readonly number[]): Promise<Map<number, MediaView>> {
      return images(ids);
    },

    /** What feed items carry beyond their cards (credits, tags, last change, and the body `withBody`), by article id. */
    feedDetails(cards: readonly ArticleCardRecord[], withBody: boolean): Promise<Map<number, FeedEntryDetails>> {
      return findFeedEntryDetails(db, cards.map((c) => c.id), withBody);
    },

    /** The site's default language: the one whose pages sit at the root. */
    async defaultLanguage(): Promise<string> {
      return (await settings()).defaultLanguage;
    },

    /** The site's languages: those it publishes in, the default one, and whether Kazakh is also offered in Latin script. */
    async languageSettings(): Promise<SiteLanguages> {
      const { languages, defaultLanguage, kazakhLatin } = await settings();
      return { languages, defaultLanguage, kazakhLatin };
    },

    /** A section's, tag's or author's slug in each language: its translation's where it has one, its own (the default language's) otherwise. */
    async termSlugs(kind: Exclude<TermKind, 'location'>, termId: number): Promise<(language: string) => string> {
      if (kind === 'section') {
        const { sections, translations } = await sectionDirectory();
        const own = sections.find((s) => s.id === termId);
        return (language) => translations.get(termId)?.[language]?.slug ?? own?.slug ?? '';
      }
      return termSlugsOf(db, kind, termId);
    },

    /** The site settings in `language` (settingsIn), its sections named in it, and the logo (when one is set and still in the library). */
    siteChrome(language: string): Promise<SiteChromeData> {
      return remembered(`chrome:${language}`, async () => {
        const [site, { sections, translations }, menus] = await Promise.all([settings(), sectionDirectory(), listMenuPages(db, language)]);
        const logo = site.logoMediaId !== null ? ((await images([site.logoMediaId])).get(site.logoMediaId) ?? null) : null;
        return {
          settings: settingsIn(site, language),
          sections: sections.map((section) => localizeTerm(section, translations.get(section.id)?.[language], 'description')),
          logo,
          menus,
        };
      });
    },

    /** The published static page at `path` (below the language prefix, e.g. 'about/team') in `language`, if readers may see it. */
    async staticPage(language: string, path: string): Promise<PublishedStaticPage | undefined> {
      const page = await findPublishedPageByPath(db, language, path);
      return page ? withPageSurroundings(page) : undefined;
    },

    /** Any static page whatever its state, for the newsroom preview (the caller has asked the page policy). */
    async staticPageForPreview(id: number): Promise<PublishedStaticPage | undefined> {
      const page = await findPageById(db, id);
      return page ? withPageSurroundings(page) : undefined;
    },

    /** The section a list page at /slug (its slug in `language`) shows, named in that language, if there is one. */
    sectionBySlug(language: string, slug: string): Promise<Section | undefined> {
      return sectionAt(language, slug);
    },

    /** The ids of a section and of every section under it, from the memoized section list (a list filtered by section shows them all). */
    async sectionFamily(sectionId: number): Promise<number[]> {
      return sectionAndDescendants((await sectionDirectory()).sections, sectionId);
    },

    /** The tag a list page at /tag/slug (its slug in `language`) shows, named in that language, if there is one. */
    tagBySlug(language: string, slug: string): Promise<Tag | undefined> {
      return termBySlug('tag', language, slug, (id) => findTagById(db, id));
    },

    /** The author a list page at /author/slug (their slug in `language`) shows, with name and bio in that language, if there is one. */
    authorBySlug(language: string, slug: string): Promise<Author | undefined> {
      return termBySlug('author', language, slug, (id) => findAuthorById(db, id), 'bio');
    },

    /** Where a public path that no longer answers has moved (its article or list was renamed), if anywhere. */
    movedTo(path: string): Promise<string | undefined> {
      return findRedirect(db, path);
    },
  };
}

/** The published read model over one database. */
export type PublishedArticles = ReturnType<typeof createPublishedArticles>;
