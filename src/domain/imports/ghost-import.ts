import { readFile, stat } from 'node:fs/promises';
import type { AppContext } from '#src/app-context.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { ghostBodyToHtml } from './ghost-content.ts';
import { htmlToBlocks, imageRefsOf, type ImageRef } from './html-to-blocks.ts';
import { ImportRefused } from './import-errors.ts';
import { addLine, emptyReport, type ImportReport } from './import-report.ts';
import type { ImportedStatus } from './import-target.ts';
import { runImportSession } from './import-session.ts';
import { writeImportedPages, type ImportedPage } from './import-pages.ts';
import { oldSitePath } from './old-paths.ts';
import type { RunImportOptions } from './run-import.ts';
import { htmlText } from './wordpress-import.ts';

/** Largest Ghost export read: Ghost writes one JSON document, read whole (its images are not in it). */
export const MAX_GHOST_EXPORT_BYTES = 200 * 1024 * 1024;

type Row = Record<string, unknown>;
type GhostData = { posts: Row[]; tags: Row[]; users: Row[]; posts_tags: Row[]; posts_authors: Row[]; posts_meta: Row[]; settings: Row[] };

function str(value: unknown): string {
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** The data of a Ghost export ({db: [{meta, data}]} as Ghost writes it, or {meta, data}); ImportRefused otherwise. */
function ghostData(json: unknown): GhostData {
  const root = json as { db?: Array<{ data?: Row }>; data?: Row } | null;
  const data = (Array.isArray(root?.db) ? root.db[0]?.data : root?.data) as Record<string, unknown> | undefined;
  if (!data || !Array.isArray(data.posts)) throw new ImportRefused('This is not a Ghost export: it has no db[0].data.posts (export it from Settings → Labs → Export your content).');
  const list = (key: string) => (Array.isArray(data[key]) ? (data[key] as Row[]) : []);
  return { posts: list('posts'), tags: list('tags'), users: list('users'), posts_tags: list('posts_tags'), posts_authors: list('posts_authors'), posts_meta: list('posts_meta'), settings: list('settings') };
}

/** Ghost's published/draft/scheduled (and sent, for a newsletter-only post) as our states. */
function statusOf(post: Row): ImportedStatus {
  switch (str(post.status)) {
    case 'published':
    case 'sent':
      return 'published';
    case 'scheduled':
      return 'scheduled';
    default:
      return 'draft';
  }
}

/** Ghost's dates ("2018-09-22 10:05:18" in UTC, or ISO) as ISO instants. */
function ghostDate(value: unknown): string | null {
  const text = str(value);
  if (!text) return null;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A Ghost address (relative, or with Ghost's __GHOST_URL__ placeholder) made absolute. */
function absoluteUrl(value: string, siteUrl: string): string {
  const replaced = value.replace(/__GHOST_URL__/g, siteUrl);
  try {
    return new URL(replaced, `${siteUrl}/`).toString();
  } catch {
    return '';
  }
}

/** Reads a Ghost export (posts, pages, tags, authors, feature images) into the site; see importWordPress for the rules. */
export async function importGhost(context: AppContext, path: string, options: RunImportOptions): Promise<ImportReport> {
  const report = emptyReport('ghost', options.dryRun);
  const size = (await stat(path)).size;
  if (size > MAX_GHOST_EXPORT_BYTES) throw new ImportRefused(`The file is ${Math.round(size / 1024 / 1024)} MB; a Ghost export of content is read whole, up to ${MAX_GHOST_EXPORT_BYTES / 1024 / 1024} MB (leave images out of the export).`);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ImportRefused(`The file is not JSON: ${(error as Error).message}`);
  }
  const data = ghostData(json);
  const title = str(data.settings.find((s) => s.key === 'title')?.value) || 'Ghost';
  const siteUrl = (options.siteUrl ?? `https://${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'ghost'}.ghost.invalid`).replace(/\/+$/, '');
  report.site = siteUrl;
  report.total = data.posts.length;
  const origin = { source: 'ghost' as const, site: siteUrl };
  const language = options.language ?? (await loadSettings(context.database.db)).defaultLanguage;
  return runImportSession(context, origin, report, { ...options, language }, async ({ target, media, addArticle, at, itemDone }) => {
    const sectionSlug = options.section ?? 'blog';
    const sectionId = await target.ensureSection({ key: `section:${sectionSlug}`, name: sectionSlug === 'blog' ? 'Blog' : sectionSlug, slug: sectionSlug });
    // Internal tags (#name, visibility internal) organise Ghost's own templates: never shown, never imported.
    const tags = new Map<string, number>();
    for (const tag of data.tags) {
      const name = str(tag.name);
      if (!name || name.startsWith('#') || str(tag.visibility) === 'internal') continue;
      tags.set(str(tag.id), await target.ensureTag({ key: str(tag.id), name, slug: str(tag.slug) || name }));
    }
    const authors = new Map<string, number>();
    for (const user of data.users) {
      authors.set(str(user.id), await target.ensureAuthor({ key: str(user.id), name: str(user.name) || str(user.slug), slug: str(user.slug) || str(user.name), bio: str(user.bio) }));
    }
    const byPost = <T>(rows: Row[], pick: (row: Row) => T | undefined) => {
      const map = new Map<string, Array<{ order: number; value: T }>>();
      for (const row of rows) {
        const value = pick(row);
        if (value === undefined) continue;
        const list = map.get(str(row.post_id)) ?? [];
        list.push({ order: Number(row.sort_order ?? 0), value });
        map.set(str(row.post_id), list);
      }
      return (postId: string) => (map.get(postId) ?? []).sort((a, b) => a.order - b.order).map((entry) => entry.value);
    };
    const tagsOf = byPost(data.posts_tags, (row) => tags.get(str(row.tag_id)));
    const authorsOf = byPost(data.posts_authors, (row) => authors.get(str(row.author_id)));
    const metaOf = new Map(data.posts_meta.map((row) => [str(row.post_id), row]));
    const pages: ImportedPage[] = [];
    for (const post of data.posts) {
      const postId = str(post.id);
      const isPage = post.type === 'page' || post.page === 1 || post.page === true;
      const slug = str(post.slug);
      const label = `"${str(post.title) || '(untitled)'}" (/${slug}/)`;
      at(label);
      {
        const { html: rawHtml, dropped } = ghostBodyToHtml(post);
        const html = rawHtml.replace(/__GHOST_URL__/g, siteUrl);
        const postUrl = `${siteUrl}/${slug}/`;
        const meta = metaOf.get(postId);
        const featureUrl = str(post.feature_image) ? absoluteUrl(str(post.feature_image), siteUrl) : '';
        const featureAlt = str(post.feature_image_alt) || str(meta?.feature_image_alt);
        const featureCaption = htmlText(str(post.feature_image_caption) || str(meta?.feature_image_caption));
        if (media.isOn) {
          const refs: ImageRef[] = imageRefsOf(html, postUrl);
          for (const ref of refs) if (ref.src) await media.ensure(ref.src, { alt: ref.alt }, label);
          if (featureUrl) await media.ensure(featureUrl, { alt: featureAlt, caption: featureCaption }, label);
        }
        const converted = htmlToBlocks(html, { baseUrl: postUrl, resolveImage: (ref) => (ref.src ? media.known(ref.src) : null) });
        const lost = [...new Set([...dropped, ...converted.dropped])];
        if (lost.length > 0) addLine(report, label, `dropped ${lost.join(', ')}`);
        const status = statusOf(post);
        const oldPaths = [oldSitePath(postUrl, siteUrl)].filter((p): p is string => p !== null);
        if (isPage) {
          if (status === 'scheduled') addLine(report, label, 'it was scheduled in Ghost; pages here are not scheduled, so it is a draft');
          pages.push({ key: `page:${postId}`, parentKey: null, label, title: str(post.title), slug, body: converted.body, status: status === 'published' ? 'published' : 'draft', date: ghostDate(post.published_at), menuOrder: 0, oldPaths });
          await itemDone(data.posts.length);
          continue;
        }
        const lead = featureUrl ? media.known(featureUrl) : null;
        let authorIds = authorsOf(postId);
        if (authorIds.length === 0 && authors.has(str(post.author_id))) authorIds = [authors.get(str(post.author_id))!];
        await addArticle({
          key: postId,
          label,
          title: str(post.title),
          slug,
          standfirst: str(post.custom_excerpt) || str(post.meta_description),
          body: converted.body,
          sectionId,
          tagIds: tagsOf(postId),
          authorIds,
          leadMediaId: lead?.mediaId ?? null,
          leadCaption: lead ? featureCaption : '',
          status,
          date: ghostDate(status === 'draft' ? post.published_at || post.updated_at : post.published_at),
          oldPaths,
        });
      }
      await itemDone(data.posts.length);
    }
    at('the pages');
    await writeImportedPages(context, origin, report, pages, { dryRun: options.dryRun, language });
  });
}
