import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import {
  createPublishedArticles,
  type PublishedArticle,
  type PublishedStaticPage,
  type SiteChromeData,
  type SiteLanguages,
} from '#src/domain/articles/published-articles.ts';
import { listPages, type PageRecord } from '#src/domain/pages/page-repository.ts';
import type { PageMenu } from '#src/db/schema.ts';
import type { NamedRef } from '#src/domain/articles/published-article-repository.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { languageForPrefix } from '#src/i18n/languages.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { decodeCursor, encodeCursor } from './content-cursor.ts';
import {
  findArticleLinks,
  findPublishedArticleAddress,
  findTermNames,
  termIn,
  listAuthorsAfter,
  listContentArticles,
  parseListedRow,
  listTagsAfter,
  type ContentArticleFilter,
  type ContentArticleRow,
  type ListedArticle,
  type ContentAuthorRow,
  type ContentSort,
  type KeysetPosition,
  type TermNames,
} from './content-repository.ts';
import { batchMemoFor } from '#src/lib/read-memo.ts';

export type { ContentSort };


/** The language of the articles under a path prefix ('ru' → ru; 'kk-latn' → kk, whose pages it converts), or undefined. */
function contentLanguageOfPrefix(segment: string): string | undefined {
  const info = languageForPrefix(segment);
  if (!info) return undefined;
  return info.script ? info.catalogue : info.code;
}

/** What a Content API list of articles was asked for (slugs as readers see them in URLs). */
export type ContentArticleQuery = {
  /** BCP 47: only articles in it, and the language the slugs below are in (default: every language; slugs in the default one). */
  language?: string;
  section?: string;
  tag?: string;
  author?: string;
  /** ISO instant: only articles changed since. */
  updatedSince?: string;
  sort: ContentSort;
  /** Items on a page. */
  limit: number;
  /** The `nextCursor` of the previous page; absent for the first. */
  cursor?: string;
};

/** An article of a list, with its section, bylines and tags named in its language, and its lead image. */
export type ContentArticleSummary = ContentArticleRow & { section: NamedRef; authors: NamedRef[]; tags: NamedRef[]; leadImage: MediaView | null };

/** A page of a keyset list: its items, and the cursor of the next page (null on the last). */
export type KeysetPage<T> = { items: T[]; nextCursor: string | null };

/** An author profile with its photo. */
export type ContentAuthor = ContentAuthorRow & { photo: MediaView | null };

/** One published article with its images and its published versions in the site's other languages (the published read path reads them together). */
export type ContentArticle = PublishedArticle;

/** Where one article is: found, moved to another public path, or nowhere readers may see. */
export type ArticleAtPath = { kind: 'found'; article: ContentArticle } | { kind: 'moved'; path: string };

/** A term list's page and language: which page, and the language names and slugs are read in (default: the site's default). */
export type TermListQuery = { limit: number; cursor?: string; language?: string };

const instant = z.iso.datetime({ offset: true });
const articlePosition = z.strictObject({ k: z.enum(['published', 'updated']), v: instant, i: z.number().int().positive().max(2 ** 31 - 1) });
const idPosition = z.strictObject({ k: z.enum(['tags', 'authors']), i: z.number().int().positive().max(2 ** 31 - 1) });

/** The position an articles cursor holds; Invalid naming `cursor` unless it is one of a list sorted by `sort`. */
function articleAfter(cursor: string, sort: ContentSort): KeysetPosition {
  const position = decodeCursor(cursor, articlePosition);
  if (position.k !== sort) throw new Invalid('cursor', `This cursor belongs to a list sorted by ${position.k}; ask with sort=${position.k}, or start again without cursor.`);
  return { value: position.v, id: position.i };
}

/** The id to continue a tags or authors list after (0 for the first page); Invalid naming `cursor` for another list's. */
function afterId(cursor: string | undefined, kind: 'tags' | 'authors'): number {
  if (!cursor) return 0;
  const position = decodeCursor(cursor, idPosition);
  if (position.k !== kind) throw new Invalid('cursor', `This cursor belongs to the ${position.k} list, not the ${kind} list.`);
  return position.i;
}

/** Why `cursor` cannot continue a list (articles sorted by `list`, or tags or authors), or null: for request schemas, which answer 400. */
export function cursorProblem(cursor: string, list: ContentSort | 'tags' | 'authors'): string | null {
  try {
    if (list === 'tags' || list === 'authors') afterId(cursor, list);
    else articleAfter(cursor, list);
    return null;
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

/** Reads one more than a page to learn whether another page follows; answers the page and its next cursor. */
function toPage<T>(rows: T[], limit: number, positionOf: (last: T) => Record<string, unknown>): KeysetPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(positionOf(items.at(-1)!)) : null };
}

/**
 * The Content API's read model: published content as a front end or partner needs it, a sibling of
 * the published read path (published-articles.ts), which it reads one article and the site's chrome
 * through; its lists share that path's published scope. Only what readers may see at the moment of
 * asking; nothing here needs an actor.
 */
export function createContentReadModel(context: Pick<AppContext, 'database'> & Partial<Pick<AppContext, 'events'>>, now: () => string = nowIso) {
  const db = context.database.db;
  const published = createPublishedArticles(context, now);
  // A list page names ~60 terms and shows ~20 images, which change only through the events that
  // drop these memos (read-memo.ts): read from memory, they cost no join and no query per request.
  const termNames = {
    section: batchMemoFor(context.events, (ids: number[]) => findTermNames(db, 'section', ids)),
    author: batchMemoFor(context.events, (ids: number[]) => findTermNames(db, 'author', ids)),
    tag: batchMemoFor(context.events, (ids: number[]) => findTermNames(db, 'tag', ids)),
  };
  const images = batchMemoFor(context.events, (ids: number[]) => findMediaByIds(db, ids));

  /**
   * The language a request asked for, checked against the site's (Invalid naming `language` for
   * one the site does not publish in), or the default language when it asked for none.
   */
  async function languageOf(asked: string | undefined): Promise<string> {
    const { languages, defaultLanguage } = await published.languageSettings();
    if (asked === undefined) return defaultLanguage;
    if (!languages.includes(asked)) throw new Invalid('language', `This site publishes in ${languages.join(', ')}, not "${asked}".`);
    return asked;
  }

  /** The filter of a query, its slugs resolved (an unknown one is Invalid naming its parameter). */
  async function filterOf(query: ContentArticleQuery): Promise<ContentArticleFilter> {
    const slugLanguage = await languageOf(query.language);
    const filter: ContentArticleFilter = query.language !== undefined ? { language: slugLanguage } : {};
    if (query.section !== undefined) {
      const section = await published.sectionBySlug(slugLanguage, query.section);
      if (!section) throw new Invalid('section', `There is no section "${query.section}".`);
      filter.sectionIds = await published.sectionFamily(section.id);
    }
    if (query.tag !== undefined) {
      const tag = await published.tagBySlug(slugLanguage, query.tag);
      if (!tag) throw new Invalid('tag', `There is no tag "${query.tag}".`);
      filter.tagId = tag.id;
    }
    if (query.author !== undefined) {
      const author = await published.authorBySlug(slugLanguage, query.author);
      if (!author) throw new Invalid('author', `There is no author "${query.author}".`);
      filter.authorId = author.id;
    }
    if (query.updatedSince !== undefined) filter.updatedSince = new Date(query.updatedSince).toISOString();
    return filter;
  }

  return {
    /**
     * A page of published articles' own rows, newest first by `sort`: one query. `summaries` adds
     * what a list shows of each; a caller that remembers what it presented for a row (same id and
     * version) needs only this.
     */
    async listArticleRows(query: ContentArticleQuery): Promise<KeysetPage<ListedArticle>> {
      const after = query.cursor ? articleAfter(query.cursor, query.sort) : null;
      const rows = await listContentArticles(db, context.database.kind, await filterOf(query), query.sort, after, query.limit + 1, now());
      return toPage(rows, query.limit, (listed) => {
        const last = parseListedRow(listed);
        return { k: query.sort, v: query.sort === 'published' ? last.publishedAt : last.updatedAt, i: last.id };
      });
    },

    /** Rows of a list with their section, bylines and tags named in their language, and their lead images, in the order given. */
    async summaries(listed: ListedArticle[]): Promise<ContentArticleSummary[]> {
      if (listed.length === 0) return [];
      const rows = listed.map(parseListedRow);
      const links = await findArticleLinks(db, rows.map((row) => row.id));
      const authorIds = rows.flatMap((row) => links.authors.get(row.id) ?? []);
      const tagIds = rows.flatMap((row) => links.tags.get(row.id) ?? []);
      const [sections, authors, tags, media] = await Promise.all([
        termNames.section.read(rows.map((row) => row.sectionId)),
        termNames.author.read(authorIds),
        termNames.tag.read(tagIds),
        images.read(rows.flatMap((row) => (row.leadMediaId !== null ? [row.leadMediaId] : []))),
      ]);
      // Links hold their terms by foreign key: a term missing here was deleted since, and is left out as a join would.
      const named = (terms: Map<number, TermNames>, language: string, ids: number[] = []) =>
        ids.flatMap((id) => {
          const term = terms.get(id);
          return term ? [termIn(term, language)] : [];
        });
      return rows.map((row) => ({
        ...row,
        section: termIn(sections.get(row.sectionId)!, row.language),
        authors: named(authors, row.language, links.authors.get(row.id)),
        tags: named(tags, row.language, links.tags.get(row.id)),
        leadImage: row.leadMediaId !== null ? (media.get(row.leadMediaId) ?? null) : null,
      }));
    },

    /** The published article with this id, its images and translations; NotFound when readers may not see it. */
    async article(id: number): Promise<ContentArticle> {
      // The address check applies the readers' scope; the page record is then read by id.
      const address = await findPublishedArticleAddress(db, id, now());
      const found = address ? await published.findForPreview(id) : undefined;
      if (!found) throw new NotFound(`Published article ${id}`);
      return found;
    },

    /** The published article at a public path ("/section/slug"), where that path moved, or NotFound. */
    async articleAtPath(path: string): Promise<ArticleAtPath> {
      // "/ru/section/slug" is a Russian article; "/section/slug" one in the default language;
      // "/kk-latn/section/slug" the Kazakh one, shown converted to Latin script.
      const match = /^(?:\/([a-z]{2,3}(?:-[a-z]{4})?))?\/([^/]+)\/([^/]+)\/?$/.exec(path);
      if (match) {
        const language = match[1] ? contentLanguageOfPrefix(match[1]) : await published.defaultLanguage();
        const found = language ? await published.findArticle(language, match[2]!, match[3]!) : undefined;
        if (found) return { kind: 'found', article: found };
      }
      const movedTo = await published.movedTo(path.replace(/\/$/, ''));
      if (movedTo && /^(\/[a-z-]+)?\/[^/]+\/[^/]+$/.test(movedTo)) return { kind: 'moved', path: movedTo };
      throw new NotFound(`A published article at ${path}`);
    },

    /** The published static pages of a language (default: the site's), in address order; only those in `menu` when asked. */
    async pages(query: { language?: string; menu?: PageMenu }): Promise<{ language: string; items: PageRecord[] }> {
      const language = await languageOf(query.language);
      const pages = await listPages(db, { language, status: 'published' });
      return { language, items: query.menu ? pages.filter((p) => p.menu === query.menu).sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id) : pages };
    },

    /** The published static page with this id, its images and parent; NotFound when readers may not see it. */
    async page(id: number): Promise<PublishedStaticPage> {
      const found = await published.staticPageForPreview(id);
      const { languages } = await published.languageSettings();
      if (!found || found.page.status !== 'published' || !languages.includes(found.page.language)) throw new NotFound(`Published page ${id}`);
      return found;
    },

    /** The published static page at a public path ("/about", "/ru/about/team"), where that path moved, or NotFound. */
    async pageAtPath(path: string): Promise<{ kind: 'found'; page: PublishedStaticPage } | { kind: 'moved'; path: string }> {
      const segments = path.replace(/\/$/, '').split('/').slice(1);
      const prefixed = segments.length > 1 ? contentLanguageOfPrefix(segments[0]!) : undefined;
      const language = prefixed ?? (await published.defaultLanguage());
      const below = (prefixed ? segments.slice(1) : segments).join('/');
      const found = below && (await published.languageSettings()).languages.includes(language) ? await published.staticPage(language, below) : undefined;
      if (found) return { kind: 'found', page: found };
      const movedTo = await published.movedTo(path.replace(/\/$/, ''));
      if (movedTo) return { kind: 'moved', path: movedTo };
      throw new NotFound(`A published page at ${path}`);
    },

    /** The site's languages: which it publishes in, and which sits at the root (the others' URLs carry their prefix). */
    languages(): Promise<SiteLanguages> {
      return published.languageSettings();
    },

    /**
     * The site's settings a front end shows in `language` (default: the site's default), its
     * sections named in it in menu order, and its logo; Invalid naming `language` for one the site lacks.
     */
    async siteChrome(language?: string): Promise<SiteChromeData & { language: string }> {
      const resolved = await languageOf(language);
      return { ...(await published.siteChrome(resolved)), language: resolved };
    },

    /** A page of tags, by id, named in the query's language. */
    async tags(query: TermListQuery): Promise<KeysetPage<NamedRef> & { language: string }> {
      const language = await languageOf(query.language);
      const rows = await listTagsAfter(db, afterId(query.cursor, 'tags'), query.limit + 1, language);
      return { ...toPage(rows, query.limit, (last) => ({ k: 'tags', i: last.id })), language };
    },

    /** A page of author profiles with their photos, by id, with name, slug and bio in the query's language. */
    async authors(query: TermListQuery): Promise<KeysetPage<ContentAuthor> & { language: string }> {
      const language = await languageOf(query.language);
      const rows = await listAuthorsAfter(db, afterId(query.cursor, 'authors'), query.limit + 1, language);
      const page = toPage(rows, query.limit, (last) => ({ k: 'authors', i: last.id }));
      const photos = await findMediaByIds(db, page.items.flatMap((row) => (row.photoMediaId !== null ? [row.photoMediaId] : [])));
      return { language, nextCursor: page.nextCursor, items: page.items.map((row) => ({ ...row, photo: row.photoMediaId !== null ? (photos.get(row.photoMediaId) ?? null) : null })) };
    },
  };
}

/** The Content API read model over one database. */
export type ContentReadModel = ReturnType<typeof createContentReadModel>;
