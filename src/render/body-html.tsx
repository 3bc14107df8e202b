import type { ComponentChildren } from 'preact';
import type { ArticleBody, Block, InlineNode, Mark } from '#src/domain/articles/article-body.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { ResponsiveImage } from './responsive-image.tsx';
import { FigureCaption } from './figure-caption.tsx';
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

function wrapMark(mark: Mark, children: ComponentChildren, ctx: Context): ComponentChildren {
  switch (mark.type) {
    case 'bold':
      return <strong>{children}</strong>;
    case 'italic':
      return <em>{children}</em>;
    case 'underline':
      return <u>{children}</u>;
    case 'strike':
      return <s>{children}</s>;
    case 'code':
      return <code>{children}</code>;
    case 'link': {
      // The schema already allows only these schemes; checked again because this is the last gate.
      const href = mark.attrs.href.trim();
      if (!isSafeHref(href)) return children;
      return (
        <a href={href} rel={relFor(href, ctx.siteOrigin)}>
          {children}
        </a>
      );
    }
  }
}

function Inline({ nodes, ctx }: { nodes: InlineNode[] | undefined; ctx: Context }) {
  return (
    <>
      {(nodes ?? []).map((node) => {
        if (node.type === 'hardBreak') return <br />;
        // Links wrap outermost so one anchor holds the styled text.
        const marks = [...(node.marks ?? [])].sort((a, b) => (a.type === 'link' ? 1 : 0) - (b.type === 'link' ? 1 : 0));
        return marks.reduce<ComponentChildren>((children, mark) => wrapMark(mark, children, ctx), node.text);
      })}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function BlockView({ block, ctx }: { block: Block; ctx: Context }) {
  switch (block.type) {
    case 'paragraph':
      if (!block.content || block.content.length === 0) return null;
      return (
        <p>
          <Inline nodes={block.content} ctx={ctx} />
        </p>
      );
    case 'heading': {
      const Tag = `h${block.attrs.level}` as 'h2' | 'h3' | 'h4';
      return (
        <Tag>
          <Inline nodes={block.content} ctx={ctx} />
        </Tag>
      );
    }
    case 'bulletList':
      return (
        <ul>
          {block.content.map((item) => (
            <li>
              <Blocks blocks={item.content} ctx={ctx} />
            </li>
          ))}
        </ul>
      );
    case 'orderedList':
      return (
        <ol start={block.attrs?.start && block.attrs.start !== 1 ? block.attrs.start : undefined}>
          {block.content.map((item) => (
            <li>
              <Blocks blocks={item.content} ctx={ctx} />
            </li>
          ))}
        </ol>
      );
    case 'blockquote':
      return (
        <blockquote>
          <Blocks blocks={block.content} ctx={ctx} />
        </blockquote>
      );
    case 'horizontalRule':
      return <hr />;
    case 'figure': {
      const media = ctx.media.get(block.attrs.mediaId);
      // An image deleted from the library leaves no broken box behind.
      if (!media) return null;
      const caption = block.attrs.caption || media.caption;
      const credit = block.attrs.credit || media.credit;
      return (
        <figure class="article-figure">
          <ResponsiveImage media={media} alt={block.attrs.alt || media.altText || caption} sizes={BODY_IMAGE_SIZES} lazy />
          <FigureCaption caption={caption} credit={credit} translator={ctx.translator} />
        </figure>
      );
    }
    case 'embed': {
      const url = block.attrs.url;
      if (!isSafeHref(url)) return null;
      return (
        <p class="embed-card">
          <a href={url} rel={relFor(url, ctx.siteOrigin)}>
            <span class="embed-title">{block.attrs.title || url}</span>
            <span class="embed-host">{hostOf(url)}</span>
          </a>
        </p>
      );
    }
  }
}

function Blocks({ blocks, ctx }: { blocks: Block[]; ctx: Context }) {
  return (
    <>
      {blocks.map((block) => (
        <BlockView block={block} ctx={ctx} />
      ))}
    </>
  );
}

/** The article body as HTML: our own components per node type; text is escaped by Preact. */
export function ArticleBodyContent({ body, media, siteOrigin, translator }: { body: ArticleBody; media: Map<number, MediaView>; siteOrigin: string; translator: Translator }) {
  return <Blocks blocks={body.content} ctx={{ media, siteOrigin, translator }} />;
}
