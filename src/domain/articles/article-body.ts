import { z } from 'zod';

/**
 * The article body: a TipTap/ProseMirror JSON document restricted to the node and mark types we
 * render ourselves. Nothing here carries raw HTML; links allow http, https and mailto only.
 */

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** A link target an editor may use: absolute http(s) or mailto. */
export const safeHrefSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((href) => SAFE_HREF.test(href), { message: 'links must start with http://, https:// or mailto:' });

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
  text: z.string().min(1),
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
    mediaId: z.number().int().positive(),
    /** Empty: the library's caption/credit/alt text. */
    caption: z.string().max(1000).default(''),
    credit: z.string().max(300).default(''),
    alt: z.string().max(500).default(''),
  }),
});

/** An external item (video, post) shown as a link card: no third-party script runs on our pages. */
const embedSchema = z.object({
  type: z.literal('embed'),
  attrs: z.looseObject({
    url: safeHrefSchema,
    title: z.string().max(300).default(''),
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

/** The whole body document. */
export const articleBodySchema = z.object({
  type: z.literal('doc'),
  content: z.array(blockSchema).max(5000),
});
export type ArticleBody = { type: 'doc'; content: Block[] };

/** An empty body: one empty paragraph, as the editor starts. */
export function emptyBody(): ArticleBody {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
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
