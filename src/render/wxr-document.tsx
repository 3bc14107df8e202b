import { renderToString } from 'preact-render-to-string';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import type { WxrMedia, WxrPost, WxrSource, WxrTerm } from '#src/domain/portability/wxr-source.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { translatorFor } from '#src/i18n/translator.ts';
import { withAbsoluteUrls } from './absolute-media.ts';
import { ArticleBodyContent } from './body-html.tsx';
import { siteUrl } from '#src/lib/site-url.ts';

/**
 * WordPress eXtended RSS 1.2, the file WordPress's own exporter writes and its importer
 * (Tools → Import → WordPress) reads: an RSS 2.0 channel with wp:author, wp:category and wp:tag
 * terms, then one <item> per attachment, page and post. Posts, pages and attachments share one id
 * space in WordPress: attachments keep their media ids, posts follow the highest media id, pages
 * the highest article id after that.
 */

const NAMESPACES = [
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:wp="http://wordpress.org/export/1.2/"',
].join(' ');

/** Characters XML 1.0 does not allow at all (control characters but tab, newline and carriage return). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as XML character data. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text in a CDATA section, as WordPress writes its fields; a "]]>" inside is split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** WordPress's "Y-m-d H:i:s" (UTC here, in both the local and the GMT field), or its empty date. */
function wpDate(instant: string | null): string {
  return instant ? new Date(instant).toISOString().slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00';
}

const WP_STATUS: Record<WxrPost['status'], string> = { draft: 'draft', review: 'pending', scheduled: 'future', published: 'publish', trashed: 'trash' };

/** The ids the items take in WordPress's one id space. */
export type WxrIds = { post: (articleId: number) => number; page: (pageId: number) => number };

/** The ids of a source: attachments as media ids, then posts, then pages. */
export function wxrIds(source: Pick<WxrSource, 'media' | 'maxArticleId'>): WxrIds {
  const mediaSpan = source.media.reduce((max, m) => Math.max(max, m.id), 0);
  return { post: (id) => mediaSpan + id, page: (id) => mediaSpan + source.maxArticleId + id };
}

function term(kind: 'category' | 'tag', t: WxrTerm): string {
  return kind === 'category'
    ? `<wp:category><wp:term_id>${t.id}</wp:term_id><wp:category_nicename>${cdata(t.slug)}</wp:category_nicename><wp:category_parent>${cdata(t.parentSlug ?? '')}</wp:category_parent><wp:cat_name>${cdata(t.name)}</wp:cat_name></wp:category>`
    : `<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>`;
}

/** The channel's opening: the site, its authors (author profiles as WordPress users), categories and tags. */
export function wxrHead(source: WxrSource, baseUrl: string, generatedAt: string): string {
  const authors = source.authors.map(
    (a) => `<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.slug)}</wp:author_login><wp:author_email>${cdata('')}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<!-- WordPress eXtended RSS (WXR) 1.2, written by Qalam at ${xmlText(generatedAt)}. Import it with Tools → Import → WordPress. -->`,
    `<rss version="2.0" ${NAMESPACES}>`,
    '<channel>',
    `<title>${xmlText(source.site.name)}</title>`,
    `<link>${xmlText(baseUrl)}</link>`,
    `<description>${xmlText(source.site.tagline)}</description>`,
    `<pubDate>${new Date(generatedAt).toUTCString()}</pubDate>`,
    `<language>${xmlText(source.site.language)}</language>`,
    '<wp:wxr_version>1.2</wp:wxr_version>',
    `<wp:base_site_url>${xmlText(baseUrl)}</wp:base_site_url>`,
    `<wp:base_blog_url>${xmlText(baseUrl)}</wp:base_blog_url>`,
    ...authors,
    ...source.categories.map((c) => term('category', c)),
    ...source.tags.map((t) => term('tag', t)),
    '',
  ].join('\n');
}

/** One library image as an attachment: WordPress downloads it from its URL on import. */
export function wxrAttachment(media: WxrMedia, baseUrl: string): string {
  const url = siteUrl(baseUrl, media.url);
  return [
    '<item>',
    `<title>${xmlText(media.caption || media.originalName)}</title>`,
    `<link>${xmlText(url)}</link>`,
    `<guid isPermaLink="false">${xmlText(url)}</guid>`,
    `<content:encoded>${cdata('')}</content:encoded>`,
    `<excerpt:encoded>${cdata(media.caption)}</excerpt:encoded>`,
    `<wp:post_id>${media.id}</wp:post_id>`,
    `<wp:post_date>${cdata(wpDate(media.createdAt))}</wp:post_date>`,
    `<wp:post_date_gmt>${cdata(wpDate(media.createdAt))}</wp:post_date_gmt>`,
    `<wp:post_name>${cdata(`image-${media.id}`)}</wp:post_name>`,
    `<wp:status>${cdata('inherit')}</wp:status>`,
    '<wp:post_parent>0</wp:post_parent>',
    `<wp:post_type>${cdata('attachment')}</wp:post_type>`,
    `<wp:attachment_url>${cdata(url)}</wp:attachment_url>`,
    `<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key><wp:meta_value>${cdata(media.altText)}</wp:meta_value></wp:postmeta>`,
    '</item>',
    '',
  ].join('\n');
}

/** One article or page as a post or page item, its body drawn as the site draws it (image URLs absolute). */
export function wxrPost(post: WxrPost, context: { baseUrl: string; ids: WxrIds; media: ReadonlyMap<number, MediaView> }): string {
  const url = siteUrl(context.baseUrl, post.path);
  const id = post.kind === 'post' ? context.ids.post(post.id) : context.ids.page(post.id);
  const html = renderToString(
    <ArticleBodyContent
      body={post.body}
      media={withAbsoluteUrls(context.media, context.baseUrl)}
      siteOrigin={new URL(context.baseUrl).origin}
      translator={translatorFor(canonicalLanguageCode(post.language) ?? 'en')}
    />,
  );
  const date = post.publishedAt ?? post.createdAt;
  return [
    '<item>',
    `<title>${xmlText(post.title)}</title>`,
    `<link>${xmlText(url)}</link>`,
    `<pubDate>${new Date(date).toUTCString()}</pubDate>`,
    `<dc:creator>${cdata(post.authorSlug ?? '')}</dc:creator>`,
    `<guid isPermaLink="false">${xmlText(`${context.baseUrl}/#${post.kind}-${post.id}`)}</guid>`,
    '<description></description>',
    `<content:encoded>${cdata(html)}</content:encoded>`,
    `<excerpt:encoded>${cdata(post.excerpt)}</excerpt:encoded>`,
    `<wp:post_id>${id}</wp:post_id>`,
    `<wp:post_date>${cdata(wpDate(date))}</wp:post_date>`,
    `<wp:post_date_gmt>${cdata(post.publishedAt ? wpDate(post.publishedAt) : wpDate(null))}</wp:post_date_gmt>`,
    `<wp:comment_status>${cdata('closed')}</wp:comment_status>`,
    `<wp:ping_status>${cdata('closed')}</wp:ping_status>`,
    `<wp:post_name>${cdata(post.slug)}</wp:post_name>`,
    `<wp:status>${cdata(WP_STATUS[post.status])}</wp:status>`,
    `<wp:post_parent>${post.parentId !== null ? context.ids.page(post.parentId) : 0}</wp:post_parent>`,
    `<wp:menu_order>${post.menuOrder}</wp:menu_order>`,
    `<wp:post_type>${cdata(post.kind)}</wp:post_type>`,
    '<wp:is_sticky>0</wp:is_sticky>',
    ...(post.category ? [`<category domain="category" nicename="${xmlText(post.category.slug)}">${cdata(post.category.name)}</category>`] : []),
    ...post.tags.map((t) => `<category domain="post_tag" nicename="${xmlText(t.slug)}">${cdata(t.name)}</category>`),
    // The lead image as the featured image, and the language for a multilingual plugin to read.
    ...(post.leadMediaId !== null && context.media.has(post.leadMediaId) ? [`<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(String(post.leadMediaId))}</wp:meta_value></wp:postmeta>`] : []),
    `<wp:postmeta><wp:meta_key>${cdata('qalam_language')}</wp:meta_key><wp:meta_value>${cdata(post.language)}</wp:meta_value></wp:postmeta>`,
    '</item>',
    '',
  ].join('\n');
}

/** The channel's end. */
export const WXR_TAIL = '</channel>\n</rss>\n';
