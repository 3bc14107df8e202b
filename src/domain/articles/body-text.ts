import type { ArticleBody, Block, InlineNode } from './article-body.ts';

/** Words a reader reads per minute: the figure Medium and most news CMSs use for "N min read". */
const WORDS_PER_MINUTE = 200;

function inlineText(nodes: InlineNode[] | undefined): string {
  return (nodes ?? []).map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(block.content);
    case 'figure':
      return block.attrs.caption;
    case 'embed':
      return block.attrs.title;
    case 'bulletList':
    case 'orderedList':
      return block.content.map((item) => item.content.map(blockText).join('\n')).join('\n');
    case 'blockquote':
      return block.content.map(blockText).join('\n');
    case 'horizontalRule':
      return '';
  }
}

/** The body's readable text, one block a paragraph, captions excluded from nothing but markup. */
export function bodyToPlainText(body: ArticleBody): string {
  return body.content
    .map(blockText)
    .filter((t) => t.trim() !== '')
    .join('\n\n');
}

/** Words in a text: runs of letters or digits (Unicode-aware, so Cyrillic and Kazakh count). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes to read a text, at least one (a 180-word story is "1 min read"). */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}
