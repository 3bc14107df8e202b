import { z } from 'zod';
import { rowNumberField } from '#src/lib/id-input.ts';
import { textField } from '#src/lib/text-input.ts';
import { isSafeHref, MAX_HREF_LENGTH } from '#src/lib/safe-href.ts';
import { OVER_LIMIT } from '#src/lib/errors.ts';

/**
 * The article body: a TipTap/ProseMirror JSON document restricted to the node and mark types we
 * render ourselves. Nothing here carries raw HTML; links allow http, https and mailto only.
 */

/** How large a body may be: deeper, bigger or longer documents are refused before their shape is checked. */
const BODY_LIMITS = {
  /** Levels of nodes inside the document (a paragraph in a blockquote in a list item is 3 below the list). */
  depth: 20,
  /** Nodes in the whole document (blocks, list items, text runs, breaks). */
  nodes: 20_000,
  /** Characters of text in all text nodes together. */
  textLength: 500_000,
} as const;

// A node sits two JSON levels below its parent (the node object and its content array); marks and
// attrs add two more. Any JSON deeper than this cannot be a body within the node depth limit.
const MAX_JSON_DEPTH = 2 * BODY_LIMITS.depth + 6;

/**
 * Why a raw body (parsed JSON, not yet checked) is too large, or null. Iterative, so a document
 * nested 100,000 levels deep is refused without recursing: the shape check below recurses per
 * level and would overflow the stack.
 */
function checkBodyLimits(value: unknown): string | null {
  const depthRefusal = `The body is nested more than ${BODY_LIMITS.depth} levels deep.`;
  const stack: Array<{ value: unknown; jsonDepth: number; nodeDepth: number }> = [{ value, jsonDepth: 0, nodeDepth: 0 }];
  let nodes = 0;
  let textLength = 0;
  while (stack.length > 0) {
    const { value: current, jsonDepth, nodeDepth } = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (jsonDepth > MAX_JSON_DEPTH || nodeDepth > BODY_LIMITS.depth) return depthRefusal;
    if (Array.isArray(current)) {
      for (const item of current) stack.push({ value: item, jsonDepth: jsonDepth + 1, nodeDepth });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      if (key === 'content' && Array.isArray(child)) {
        nodes += child.length;
        if (nodes > BODY_LIMITS.nodes) return `The body has more than ${BODY_LIMITS.nodes} nodes.`;
        for (const node of child) stack.push({ value: node, jsonDepth: jsonDepth + 2, nodeDepth: nodeDepth + 1 });
      } else {
        if (key === 'text' && typeof child === 'string') {
          textLength += child.length;
          if (textLength > BODY_LIMITS.textLength) return `The body has more than ${BODY_LIMITS.textLength} characters of text.`;
        }
        stack.push({ value: child, jsonDepth: jsonDepth + 1, nodeDepth });
      }
    }
  }
  return null;
}

/** A link target an editor may use: absolute http(s) or mailto. */
export const safeHrefSchema = z
  .string()
  .trim()
  .max(MAX_HREF_LENGTH)
  .refine(isSafeHref, { message: 'links must start with http://, https:// or mailto:' });

const markSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('underline') }),
  z.object({ type: z.literal('strike') }),
  z.object({ type: z.literal('code') }),
  z.object({
    type: z.literal('link'),
    attrs: z.looseObject({ href: safeHrefSchema }),
  }),
]);
export type Mark = z.infer<typeof markSchema>;

const textSchema = z.object({
  type: z.literal('text'),
  text: textField().min(1),
  marks: z.array(markSchema).optional(),
});
const hardBreakSchema = z.object({ type: z.literal('hardBreak') });
const inlineSchema = z.discriminatedUnion('type', [textSchema, hardBreakSchema]);
export type InlineNode = z.infer<typeof inlineSchema>;

const paragraphSchema = z.object({
  type: z.literal('paragraph'),
  content: z.array(inlineSchema).optional(),
});
const headingSchema = z.object({
  type: z.literal('heading'),
  attrs: z.looseObject({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: z.array(inlineSchema).optional(),
});

/** An image from the media library placed in the body, with this use's caption and credit. */
const figureSchema = z.object({
  type: z.literal('figure'),
  attrs: z.looseObject({
    mediaId: rowNumberField(),
    /** Empty: the library's caption/credit/alt text. */
    caption: textField().max(1000).default(''),
    credit: textField().max(300).default(''),
    alt: textField().max(500).default(''),
  }),
});

/** An external item (video, post) shown as a link card: no third-party script runs on our pages. */
const embedSchema = z.object({
  type: z.literal('embed'),
  attrs: z.looseObject({
    url: safeHrefSchema,
    title: textField().max(300).default(''),
  }),
});

const horizontalRuleSchema = z.object({ type: z.literal('horizontalRule') });

export type Paragraph = z.infer<typeof paragraphSchema>;
export type Heading = z.infer<typeof headingSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Embed = z.infer<typeof embedSchema>;
export type ListItem = { type: 'listItem'; content: Block[] };
export type BulletList = { type: 'bulletList'; content: ListItem[] };
export type OrderedList = { type: 'orderedList'; attrs?: { start?: number }; content: ListItem[] };
export type Blockquote = { type: 'blockquote'; content: Block[] };
export type Block =
  | Paragraph
  | Heading
  | Figure
  | Embed
  | BulletList
  | OrderedList
  | Blockquote
  | z.infer<typeof horizontalRuleSchema>;

const blockSchema: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    paragraphSchema,
    headingSchema,
    figureSchema,
    embedSchema,
    horizontalRuleSchema,
    z.object({ type: z.literal('bulletList'), content: z.array(listItemSchema).min(1) }),
    z.object({
      type: z.literal('orderedList'),
      attrs: z.looseObject({ start: z.number().int().optional() }).optional(),
      content: z.array(listItemSchema).min(1),
    }),
    z.object({ type: z.literal('blockquote'), content: z.array(blockSchema).min(1) }),
  ]),
) as z.ZodType<Block>;

const listItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.object({ type: z.literal('listItem'), content: z.array(blockSchema).min(1) }),
) as z.ZodType<ListItem>;

/** The shape of a body document: what responses carry and stored bodies are read back with. */
export const articleDocumentSchema = z.object({
  type: z.literal('doc'),
  content: z.array(blockSchema).max(5000),
});

/** A body as input: its limits are checked first (see checkBodyLimits), then its shape. */
export const articleBodySchema = z.preprocess((value, ctx) => {
  const refused = checkBodyLimits(value);
  if (refused) ctx.addIssue({ code: 'custom', message: refused, input: value, params: OVER_LIMIT });
  return value;
}, articleDocumentSchema);
export type ArticleBody = { type: 'doc'; content: Block[] };

/** An empty body: one empty paragraph, as the editor starts. */
export function emptyBody(): ArticleBody {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/** Every image an article's page uses, once each: its lead image and shared-link card image (if any), then its figures in order. */
export function articleMediaIds(article: { leadMediaId: number | null; body: ArticleBody; socialMediaId?: number | null }): number[] {
  const own = [article.leadMediaId, article.socialMediaId ?? null].filter((id): id is number => id !== null);
  return [...new Set([...own, ...figureMediaIds(article.body)])];
}

/** Every media id the body places as a figure, in order. */
export function figureMediaIds(body: ArticleBody): number[] {
  const ids: number[] = [];
  const visit = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.type === 'figure') ids.push(block.attrs.mediaId);
      else if ('content' in block && Array.isArray(block.content)) visit(block.content as Block[]);
    }
  };
  visit(body.content);
  return ids;
}
