import type { ArticleBody, Block, InlineNode, ListItem, Mark } from '#src/domain/articles/article-body.ts';

/**
 * A compact way to write demo article bodies, turned into the body document here.
 * Paragraph text may use **bold**, *italic*, ++underline++, ~~strike~~, `code`, [text](https://…)
 * and a newline for a line break.
 */
export type DemoInline = string;

/** A list item: plain text, or text with a nested bullet list. */
export type DemoListItem = DemoInline | { text: DemoInline; ul: DemoInline[] };

/** One block of a demo body. A figure names a picture of DEMO_IMAGES by key. */
export type DemoBlock =
  | DemoInline
  | { h2: string }
  | { h3: string }
  | { h4: string }
  | { ul: DemoListItem[] }
  | { ol: DemoListItem[]; start?: number }
  | { quote: DemoInline[] }
  | { figure: string; caption?: string; credit?: string; alt?: string }
  | { embed: string; title: string }
  | { hr: true };

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|\+\+(.+?)\+\+|~~(.+?)~~|`(.+?)`|\[(.+?)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)|\n/g;

/** Inline nodes of a marked-up demo string. */
export function parseInline(text: DemoInline): InlineNode[] {
  const nodes: InlineNode[] = [];
  const push = (value: string, marks?: Mark[]) => {
    if (value) nodes.push(marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
  };
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, bold, italic, underline, strike, code, linkText, href] = match;
    if (whole === '\n') nodes.push({ type: 'hardBreak' });
    else if (bold) push(bold, [{ type: 'bold' }]);
    else if (italic) push(italic, [{ type: 'italic' }]);
    else if (underline) push(underline, [{ type: 'underline' }]);
    else if (strike) push(strike, [{ type: 'strike' }]);
    else if (code) push(code, [{ type: 'code' }]);
    else if (linkText && href) push(linkText, [{ type: 'link', attrs: { href } }]);
  }
  push(text.slice(last));
  return nodes;
}

function paragraph(text: DemoInline): Block {
  return { type: 'paragraph', content: parseInline(text) };
}

function listItem(item: DemoListItem): ListItem {
  if (typeof item === 'string') return { type: 'listItem', content: [paragraph(item)] };
  return {
    type: 'listItem',
    content: [paragraph(item.text), { type: 'bulletList', content: item.ul.map((text) => listItem(text)) }],
  };
}

/** Turns demo blocks into a body; `mediaIdOf` maps a picture key to its media id. */
export function buildBody(blocks: DemoBlock[], mediaIdOf: (key: string) => number): ArticleBody {
  const content = blocks.map((block): Block => {
    if (typeof block === 'string') return paragraph(block);
    if ('h2' in block) return { type: 'heading', attrs: { level: 2 }, content: parseInline(block.h2) };
    if ('h3' in block) return { type: 'heading', attrs: { level: 3 }, content: parseInline(block.h3) };
    if ('h4' in block) return { type: 'heading', attrs: { level: 4 }, content: parseInline(block.h4) };
    if ('ul' in block) return { type: 'bulletList', content: block.ul.map(listItem) };
    if ('ol' in block) {
      return { type: 'orderedList', ...(block.start ? { attrs: { start: block.start } } : {}), content: block.ol.map(listItem) };
    }
    if ('quote' in block) return { type: 'blockquote', content: block.quote.map(paragraph) };
    if ('figure' in block) {
      return {
        type: 'figure',
        attrs: { mediaId: mediaIdOf(block.figure), caption: block.caption ?? '', credit: block.credit ?? '', alt: block.alt ?? '' },
      };
    }
    if ('embed' in block) return { type: 'embed', attrs: { url: block.embed, title: block.title } };
    return { type: 'horizontalRule' };
  });
  return { type: 'doc', content };
}
