import type { AppContext } from '#src/app-context.ts';
import type { ArticleStatus, PageStatus } from '#src/db/schema.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import { storedBody } from '#src/domain/articles/article-text-row.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import { listAllPages } from '#src/domain/pages/page-repository.ts';
import { languagePrefix } from '#src/domain/articles/public-paths.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';

/** Articles read per query while writing a WXR file. */
const BATCH = 500;

/** A term as WordPress names it: a category (section, with its parent's slug) or a tag. */
export type WxrTerm = { id: number; slug: string; name: string; parentSlug: string | null };

/** An article or page as a WordPress post. */
export type WxrPost = {
  kind: 'post' | 'page';
  id: number;
  title: string;
  slug: string;
  /** The public path on this site, under its language's prefix (its link; a translated section slug is not applied). */
  path: string;
  excerpt: string;
  body: ArticleBody;
  language: string;
  status: ArticleStatus | PageStatus;
  publishedAt: string | null;
  createdAt: string;
  /** The first credited author's slug (WordPress has one author a post). */
  authorSlug: string | null;
  category: WxrTerm | null;
  tags: WxrTerm[];
  leadMediaId: number | null;
  /** Pages: the parent page's id and the menu position. */
  parentId: number | null;
  menuOrder: number;
};

/** A library image as an attachment: its view, the name it was uploaded under, and when. */
export type WxrMedia = MediaView & { originalName: string; createdAt: string };

/** What a WXR file is made of: the site, its people and terms, its images, then posts in batches. */
export type WxrSource = {
  site: { name: string; tagline: string; language: string };
  authors: Array<{ id: number; slug: string; name: string }>;
  categories: WxrTerm[];
  tags: WxrTerm[];
  media: WxrMedia[];
  pages: WxrPost[];
  /** The highest article id: posts, pages and attachments share WordPress's one id space, so pages are numbered after articles. */
  maxArticleId: number;
  /** Every article, oldest first, `BATCH` at a time. */
  articleBatches(): AsyncGenerator<WxrPost[]>;
};

/**
 * The portal read for a WordPress export (WXR): sections become categories, tags tags, author
 * profiles authors, library images attachments, articles posts and static pages pages. Bodies stay
 * documents here; the render layer draws them as HTML.
 */
export async function loadWxrSource(context: Pick<AppContext, 'database'>): Promise<WxrSource> {
  const db = context.database.db;
  const [settings, sections, tagRows, authors, mediaIds, pages, last] = await Promise.all([
    loadSettings(db),
    listSections(db),
    db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('id').execute(),
    db.selectFrom('authors').select(['id', 'slug', 'name']).orderBy('id').execute(),
    db.selectFrom('media').select(['id', 'original_name', 'created_at']).orderBy('id').execute(),
    listAllPages(db),
    db.selectFrom('articles').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst(),
  ]);
  const bySection = new Map(sections.map((s) => [s.id, s]));
  const categories = sections.map((s) => ({ id: s.id, slug: s.slug, name: s.name, parentSlug: s.parentId !== null ? (bySection.get(s.parentId)?.slug ?? null) : null }));
  const categoryOf = new Map(categories.map((c) => [c.id, c]));
  const tags = tagRows.map((t) => ({ ...t, parentSlug: null }));
  const tagOf = new Map(tags.map((t) => [t.id, t]));
  const authorOf = new Map(authors.map((a) => [a.id, a]));
  const media = await findMediaByIds(db, mediaIds.map((m) => m.id));

  async function* articleBatches(): AsyncGenerator<WxrPost[]> {
    for (let afterId = 0; ; ) {
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'title', 'slug', 'standfirst', 'body', 'language', 'status', 'published_at', 'created_at', 'section_id', 'lead_media_id'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (rows.length === 0) return;
      const ids = rows.map((r) => r.id);
      const [links, bylines] = await Promise.all([
        db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', ids).orderBy('position').execute(),
        db.selectFrom('article_authors').select(['article_id', 'author_id']).where('article_id', 'in', ids).orderBy('position').execute(),
      ]);
      yield rows.map((row) => {
        const category = categoryOf.get(row.section_id) ?? null;
        const firstAuthor = bylines.find((b) => b.article_id === row.id);
        return {
          kind: 'post' as const,
          id: row.id,
          title: row.title,
          slug: row.slug,
          path: `${languagePrefix(row.language, settings.defaultLanguage)}/${category?.slug ?? ''}/${row.slug}`,
          excerpt: row.standfirst,
          body: storedBody(row.body),
          language: row.language,
          status: row.status,
          publishedAt: row.published_at,
          createdAt: row.created_at,
          authorSlug: firstAuthor ? (authorOf.get(firstAuthor.author_id)?.slug ?? null) : null,
          category,
          tags: links.filter((l) => l.article_id === row.id).flatMap((l) => tagOf.get(l.tag_id) ?? []),
          leadMediaId: row.lead_media_id,
          parentId: null,
          menuOrder: 0,
        };
      });
      afterId = rows[rows.length - 1]!.id;
    }
  }

  return {
    site: { name: settings.name, tagline: settings.tagline, language: settings.defaultLanguage },
    authors,
    categories,
    tags,
    media: mediaIds.flatMap((row) => {
      const view = media.get(row.id);
      return view ? [{ ...view, originalName: row.original_name, createdAt: row.created_at }] : [];
    }),
    pages: pages.map((page) => ({
      kind: 'page' as const,
      id: page.id,
      title: page.title,
      slug: page.slug,
      path: `${languagePrefix(page.language, settings.defaultLanguage)}/${page.path}`,
      excerpt: '',
      body: page.body,
      language: page.language,
      status: page.status,
      publishedAt: page.publishedAt,
      createdAt: page.createdAt,
      authorSlug: null,
      category: null,
      tags: [],
      leadMediaId: null,
      parentId: page.parentId,
      menuOrder: page.menuOrder,
    })),
    maxArticleId: last?.id ?? 0,
    articleBatches,
  };
}
