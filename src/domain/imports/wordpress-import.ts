import { parseDocument } from 'htmlparser2';
import { textContent } from 'domutils';
import type { AppContext } from '#src/app-context.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { htmlToBlocks, imageRefsOf, type ImageRef } from './html-to-blocks.ts';
import { slugFrom, type ImportedStatus } from './import-target.ts';
import { runImportSession } from './import-session.ts';
import { writeImportedPages, type ImportedPage } from './import-pages.ts';
import { looksLikeImage, type MediaOptions } from './import-media.ts';
import { addLine, emptyReport, type ImportReport } from './import-report.ts';
import { legacyQueryPath, oldSitePath } from './old-paths.ts';
import { wordpressBodyToHtml } from './wordpress-content.ts';
import { readWxr, type WxrAuthor, type WxrItem, type WxrSite, type WxrTerm } from './wxr-reader.ts';

/** How an import runs: the CLI's options and the newsroom form's. */
export type ImportOptions = {
  /** Read and report, write nothing. */
  dryRun: boolean;
  /** The language the articles are in; default: the site's default language. */
  language?: string;
  /** Where images come from; null: images are not imported. */
  media: MediaOptions | null;
  /** Told after each item (for a progress bar): items handled, items in all. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
};

/** An attachment as the first pass keeps it: enough to import it when a post uses it. */
type Attachment = { url: string; caption: string; alt: string; title: string; parentId: string };

/** What the first pass learns of the whole file before anything is written. */
type Survey = { site: WxrSite; authors: WxrAuthor[]; terms: WxrTerm[]; total: number; attachments: Map<string, Attachment>; attachmentsByParent: Map<string, string[]> };

/** Plain text of a bit of HTML (an excerpt): tags dropped, entities decoded. */
export function htmlText(html: string): string {
  return textContent(parseDocument(html, { decodeEntities: true })).replace(/\s+/g, ' ').trim();
}

/** "2013-01-11 20:22:19" (UTC) as an ISO instant; null for WordPress's empty date. */
function wpDate(gmt: string, local: string): string | null {
  const value = gmt && !gmt.startsWith('0000') ? gmt : local && !local.startsWith('0000') ? local : '';
  if (!value) return null;
  const date = new Date(`${value.replace(' ', 'T')}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The workflow state of a post by WordPress's status (and password). */
function statusOf(item: WxrItem): ImportedStatus {
  if (item.password) return 'draft';
  switch (item.status) {
    case 'publish':
      return 'published';
    case 'future':
      return 'scheduled';
    case 'trash':
      return 'trashed';
    default:
      // draft, pending, private, auto-draft: none was public.
      return 'draft';
  }
}

/** Reads the whole file once, writing nothing: a file refused here changes nothing. */
async function survey(path: string): Promise<Survey> {
  const result: Survey = { site: { title: '', link: '', baseBlogUrl: '', wxrVersion: '' }, authors: [], terms: [], total: 0, attachments: new Map(), attachmentsByParent: new Map() };
  for await (const record of readWxr(path)) {
    if (record.kind === 'site') result.site = record.site;
    else if (record.kind === 'author') result.authors.push(record.author);
    else if (record.kind === 'term') result.terms.push(record.term);
    else {
      result.total++;
      const item = record.item;
      if (item.postType === 'attachment' && item.attachmentUrl) {
        result.attachments.set(item.postId, { url: item.attachmentUrl, caption: htmlText(item.excerpt), alt: item.meta.get('_wp_attachment_image_alt') ?? '', title: item.title, parentId: item.parentId });
        if (item.parentId && item.parentId !== '0') result.attachmentsByParent.set(item.parentId, [...(result.attachmentsByParent.get(item.parentId) ?? []), item.postId]);
      }
    }
  }
  return result;
}

/** Categories parents first, so each section's parent exists when it is made. */
function parentsFirst(categories: WxrTerm[]): WxrTerm[] {
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const ordered: WxrTerm[] = [];
  const placed = new Set<string>();
  const place = (term: WxrTerm, depth: number) => {
    if (placed.has(term.slug)) return;
    placed.add(term.slug);
    const parent = bySlug.get(term.parentSlug);
    if (parent && depth < 20) place(parent, depth + 1);
    ordered.push(term);
  };
  for (const term of categories) place(term, 0);
  return ordered;
}

/**
 * Imports a WordPress export (WXR) into the site: categories as sections (nested), tags, authors as
 * author profiles, posts as articles with their bodies converted, images from the old site, and a
 * 301 from every old address. The file is read twice, streamed: first whole, writing nothing (so a
 * malformed or hostile file is refused before any change), then item by item as it is written.
 * Answers the report; a failure part-way is in the report (stoppedAt, error), not thrown.
 */
export async function importWordPress(context: AppContext, path: string, options: ImportOptions): Promise<ImportReport> {
  const report = emptyReport('wordpress', options.dryRun);
  const facts = await survey(path);
  report.total = facts.total;
  const siteUrl = (facts.site.baseBlogUrl || facts.site.link || 'https://old-site.invalid').replace(/\/+$/, '');
  report.site = siteUrl;
  const origin = { source: 'wordpress' as const, site: siteUrl };
  const language = options.language ?? (await loadSettings(context.database.db)).defaultLanguage;
  return runImportSession(context, origin, report, { ...options, language }, async ({ target, media, addArticle, at, itemDone }) => {
    const sections = new Map<string, number>();
    const categories = facts.terms.filter((t) => t.taxonomy === 'category' && t.slug);
    for (const category of parentsFirst(categories)) {
      const parentId = category.parentSlug ? (sections.get(category.parentSlug) ?? null) : null;
      if (category.parentSlug && parentId === null) addLine(report, `category "${category.name}"`, `its parent "${category.parentSlug}" is not in the export; it is a top-level section`);
      sections.set(category.slug, await target.ensureSection({ key: category.slug, name: category.name, slug: category.slug, parentId: parentId !== null && parentId > 0 ? parentId : null, description: category.description }));
    }
    const tags = new Map<string, number>();
    for (const tag of facts.terms.filter((t) => t.taxonomy === 'post_tag' && t.slug)) tags.set(tag.slug, await target.ensureTag({ key: tag.slug, name: tag.name, slug: tag.slug }));
    const authors = new Map<string, number>();
    for (const author of facts.authors) {
      if (!author.login) continue;
      const name = author.displayName || [author.firstName, author.lastName].filter(Boolean).join(' ') || author.login;
      authors.set(author.login, await target.ensureAuthor({ key: author.login, name, slug: author.login }));
    }

    const sectionOf = async (item: WxrItem, label: string): Promise<{ sectionId: number; extraCategories: string[] }> => {
      const categories = item.terms.filter((t) => t.taxonomy === 'category' && t.slug);
      const [first, ...rest] = categories;
      if (!first) return { sectionId: await target.ensureSection({ key: 'uncategorized', name: 'Uncategorized', slug: 'uncategorized' }), extraCategories: [] };
      let sectionId = sections.get(first.slug);
      if (sectionId === undefined) {
        addLine(report, label, `its category "${first.name || first.slug}" is not in the export's list of categories; a section was made for it`);
        sectionId = await target.ensureSection({ key: first.slug, name: first.name || first.slug, slug: first.slug });
        sections.set(first.slug, sectionId);
      }
      return { sectionId, extraCategories: rest.map((t) => t.slug) };
    };

    const tagsOf = async (item: WxrItem, extraCategories: string[]): Promise<number[]> => {
      const ids: number[] = [];
      for (const term of item.terms) {
        if (term.taxonomy !== 'post_tag' || !term.slug) continue;
        let id = tags.get(term.slug);
        if (id === undefined) tags.set(term.slug, (id = await target.ensureTag({ key: term.slug, name: term.name || term.slug, slug: term.slug })));
        ids.push(id);
      }
      // An article lives in one section; its other categories stay with it as tags of the same name.
      for (const slug of extraCategories) {
        const term = item.terms.find((t) => t.taxonomy === 'category' && t.slug === slug)!;
        let id = tags.get(slug);
        if (id === undefined) tags.set(slug, (id = await target.ensureTag({ key: slug, name: term.name || slug, slug })));
        ids.push(id);
      }
      return ids;
    };

    const authorOf = async (item: WxrItem): Promise<number[]> => {
      if (!item.creator) return [];
      let id = authors.get(item.creator);
      if (id === undefined) authors.set(item.creator, (id = await target.ensureAuthor({ key: item.creator, name: item.creator, slug: item.creator })));
      return [id];
    };

    /** Brings in the images a body and its featured image use, before the (synchronous) conversion. */
    const fetchImages = async (refs: ImageRef[], label: string): Promise<void> => {
      for (const ref of refs) {
        const attachment = ref.attachmentId ? facts.attachments.get(ref.attachmentId) : undefined;
        const address = ref.src || attachment?.url;
        if (address) await media.ensure(address, { caption: attachment?.caption, alt: ref.alt || attachment?.alt, title: attachment?.title }, label);
      }
    };

    const resolveImage = (ref: ImageRef) => {
      const byId = ref.attachmentId ? facts.attachments.get(ref.attachmentId) : undefined;
      return (ref.src ? media.known(ref.src) : null) ?? (byId ? media.known(byId.url) : null);
    };

    /** A post's or page's body as our blocks, its images brought in first; what could not be kept goes in the report. */
    const convertBody = async (item: WxrItem, url: string, label: string, thumbnail: Attachment | undefined) => {
      const { html, dropped } = wordpressBodyToHtml(item.content, { attachmentsOfPost: () => facts.attachmentsByParent.get(item.postId) ?? [] });
      if (media.isOn) await fetchImages([...imageRefsOf(html, url), ...(thumbnail ? [{ src: thumbnail.url, attachmentId: null, alt: thumbnail.alt }] : [])], label);
      const converted = htmlToBlocks(html, { baseUrl: url, resolveImage });
      const lost = [...new Set([...dropped, ...converted.dropped])];
      if (lost.length > 0) addLine(report, label, `dropped ${lost.join(', ')}`);
      if (media.isOn && !options.dryRun) for (const missing of new Set(converted.missingImages)) addLine(report, label, `the image ${missing} is not in the library; the text around it is kept`);
      return converted.body;
    };
    const pages: ImportedPage[] = [];

    for await (const record of readWxr(path)) {
      if (record.kind !== 'item') continue;
      const item = record.item;
      const label = `"${item.title || '(untitled)'}" (${item.link || `post ${item.postId}`})`;
      at(label);
      if (item.postType === 'post') {
        const { sectionId, extraCategories } = await sectionOf(item, label);
        const postUrl = item.link || `${siteUrl}/?p=${item.postId}`;
        const thumbnail = facts.attachments.get(item.meta.get('_thumbnail_id') ?? '');
        const body = await convertBody(item, postUrl, label, thumbnail);
        if (item.password) addLine(report, label, 'it was password-protected on the old site: imported as a draft');
        const lead = thumbnail ? media.known(thumbnail.url) : null;
        const oldPaths = [oldSitePath(postUrl, siteUrl), item.postId ? legacyQueryPath('p', item.postId) : null].filter((p): p is string => p !== null);
        await addArticle({
          // The post id, not the GUID: real exports repeat GUIDs (the theme test data does), never ids.
          key: item.postId ? `post:${item.postId}` : item.guid,
          label,
          title: item.title,
          slug: item.postName || slugFrom('', item.title),
          standfirst: htmlText(item.excerpt),
          body,
          sectionId,
          tagIds: await tagsOf(item, extraCategories),
          authorIds: await authorOf(item),
          leadMediaId: lead?.mediaId ?? null,
          leadCaption: lead && thumbnail ? thumbnail.caption : '',
          status: statusOf(item),
          date: wpDate(item.dateGmt, item.date),
          oldPaths,
        });
      } else if (item.postType === 'page') {
        const pageUrl = item.link || `${siteUrl}/?page_id=${item.postId}`;
        const status = statusOf(item);
        if (item.password) addLine(report, label, 'it was password-protected on the old site: imported as a draft');
        if (status === 'scheduled') addLine(report, label, 'it was scheduled on the old site; pages here are not scheduled, so it is a draft');
        pages.push({
          key: `page:${item.postId}`,
          parentKey: item.parentId && item.parentId !== '0' ? `page:${item.parentId}` : null,
          label,
          title: item.title,
          slug: item.postName || slugFrom('', item.title),
          body: await convertBody(item, pageUrl, label, undefined),
          status: status === 'scheduled' ? 'draft' : status,
          date: wpDate(item.dateGmt, item.date),
          menuOrder: item.menuOrder,
          oldPaths: [oldSitePath(pageUrl, siteUrl), item.postId ? legacyQueryPath('page_id', item.postId) : null].filter((p): p is string => p !== null),
        });
      } else if (item.postType === 'attachment') {
        // Attachments become library images, used or not, when images are on.
        if (media.isOn && item.attachmentUrl && looksLikeImage(item.attachmentUrl)) {
          const attachment = facts.attachments.get(item.postId);
          await media.ensure(item.attachmentUrl, { caption: attachment?.caption, alt: attachment?.alt, title: item.title }, label);
        }
      }
      await itemDone(facts.total);
    }
    at('the pages');
    await writeImportedPages(context, origin, report, pages, { dryRun: options.dryRun, language });
  });
}
