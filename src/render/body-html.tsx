import { renderToString } from 'preact-render-to-string';
import type { ArticleBody, Block, InlineNode, Mark } from '#src/domain/articles/article-body.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { ResponsiveImage } from './responsive-image.tsx';
import { trustedHtml } from './trusted-html.ts';
import { FigureCaption } from './figure-caption.tsx';
import { escapeHtml as escaped, htmlAttribute as attribute } from './html-escape.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';
import type { Translator } from '#src/i18n/translator.ts';

/** How wide body images are drawn: the article column (see public/site.css, .article-body). */
export const BODY_IMAGE_SIZES = '(min-width: 48rem) 46rem, 100vw';


type Context = { media: Map<number, MediaView>; siteOrigin: string; translator: Translator };

/** rel for a link: other sites get "noopener" (and "noreferrer" is left to the reader's browser policy). */
function relFor(href: string, siteOrigin: string): string | undefined {
  if (!/^https?:\/\//i.test(href)) return undefined;
  try {
    return new URL(href).origin === siteOrigin ? undefined : 'noopener';
  } catch {
    return 'noopener';
  }
}

function wrapMark(mark: Mark, html: string, ctx: Context): string {
  switch (mark.type) {
    case 'bold':
      return `<strong>${html}</strong>`;
    case 'italic':
      return `<em>${html}</em>`;
    case 'underline':
      return `<u>${html}</u>`;
    case 'strike':
      return `<s>${html}</s>`;
    case 'code':
      return `<code>${html}</code>`;
    case 'link': {
      // The schema already allows only these schemes; checked again because this is the last gate.
      const href = mark.attrs.href.trim();
      if (!isSafeHref(href)) return html;
      return `<a${attribute('href', href)}${attribute('rel', relFor(href, ctx.siteOrigin))}>${html}</a>`;
    }
  }
}

function inlineHtml(nodes: InlineNode[] | undefined, ctx: Context): string {
  let html = '';
  for (const node of nodes ?? []) {
    if (node.type === 'hardBreak') {
      html += '<br/>';
      continue;
    }
    // Links wrap outermost so one anchor holds the styled text.
    const marks = [...(node.marks ?? [])].sort((a, b) => (a.type === 'link' ? 1 : 0) - (b.type === 'link' ? 1 : 0));
    html += marks.reduce((inner, mark) => wrapMark(mark, inner, ctx), escaped(node.text ?? ''));
  }
  return html;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function blockHtml(block: Block, ctx: Context): string {
  switch (block.type) {
    case 'paragraph':
      if (!block.content || block.content.length === 0) return '';
      return `<p>${inlineHtml(block.content, ctx)}</p>`;
    case 'heading': {
      // The schema allows 2-4 only; the level is written into a tag name, so this last gate keeps it a digit.
      const level = Math.min(4, Math.max(2, Math.trunc(Number(block.attrs.level)) || 2));
      return `<h${level}>${inlineHtml(block.content, ctx)}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${block.content.map((item) => `<li>${blocksHtml(item.content, ctx)}</li>`).join('')}</ul>`;
    case 'orderedList': {
      const start = block.attrs?.start && block.attrs.start !== 1 ? block.attrs.start : undefined;
      return `<ol${attribute('start', start)}>${block.content.map((item) => `<li>${blocksHtml(item.content, ctx)}</li>`).join('')}</ol>`;
    }
    case 'blockquote':
      return `<blockquote>${blocksHtml(block.content, ctx)}</blockquote>`;
    case 'horizontalRule':
      return '<hr/>';
    case 'figure': {
      const media = ctx.media.get(block.attrs.mediaId);
      // An image deleted from the library leaves no broken box behind.
      if (!media) return '';
      const caption = block.attrs.caption || media.caption;
      const credit = block.attrs.credit || media.credit;
      return renderToString(
        <figure class="article-figure">
          <ResponsiveImage media={media} alt={block.attrs.alt || media.altText || caption} sizes={BODY_IMAGE_SIZES} lazy />
          <FigureCaption caption={caption} credit={credit} translator={ctx.translator} />
        </figure>,
      );
    }
    case 'embed': {
      const url = block.attrs.url;
      if (!isSafeHref(url)) return '';
      return (
        `<p class="embed-card"><a${attribute('href', url)}${attribute('rel', relFor(url, ctx.siteOrigin))}>` +
        `<span class="embed-title">${escaped(block.attrs.title || url)}</span><span class="embed-host">${escaped(hostOf(url))}</span></a></p>`
      );
    }
  }
  return '';
}

function blocksHtml(blocks: Block[], ctx: Context): string {
  let html = '';
  for (const block of blocks) html += blockHtml(block, ctx);
  return html;
}

/**
 * The article body as HTML: each node type written as a string (text escaped as Preact escapes it),
 * figures drawn by their components. Written rather than drawn as a tree of components: the
 * body's paragraphs were most of the elements Preact walked on an uncached article page.
 */
export function ArticleBodyContent({ body, media, siteOrigin, translator }: { body: ArticleBody; media: Map<number, MediaView>; siteOrigin: string; translator: Translator }) {
  return trustedHtml(articleBodyHtml(body, media, siteOrigin, translator));
}

/** ArticleBodyContent's markup as a string, for a page part that is itself written as one (the article view). */
export function articleBodyHtml(body: ArticleBody, media: Map<number, MediaView>, siteOrigin: string, translator: Translator): string {
  return blocksHtml(body.content, { media, siteOrigin, translator });
}
