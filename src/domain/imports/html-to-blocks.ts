import type SanitizeHtml from 'sanitize-html';
import { Parser, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { articleBodySchema, type ArticleBody, type Block, type InlineNode, type ListItem, type Mark } from '#src/domain/articles/article-body.ts';
import { isSafeHref } from '#src/lib/safe-href.ts';
import { loadAtFirstUse } from '#src/lib/load-at-first-use.ts';

// Loaded at the first import of outside HTML (with postcss, which it brings): only imports need it.
const loadSanitizeHtml = loadAtFirstUse<typeof SanitizeHtml>('sanitize-html');

/**
 * Outside HTML (an imported post's body) turned into our body blocks. sanitize-html runs first and
 * is the boundary: only the elements our node and mark types are made from survive it (plus img,
 * figure and the structural elements whose text we keep), no attribute but the few we read, no
 * script, style, form or frame. The cleaned tree is then walked into paragraphs, headings, lists,
 * quotes, figures and embeds. What could not be kept is named in `dropped`.
 */

/** An image the body places: found by the old site's attachment id or by its address. */
export type ImageRef = { src: string; attachmentId: string | null; alt: string };

/** The media library image an ImageRef became, or null when it could not be brought in. */
export type ImageResolver = (image: ImageRef) => { mediaId: number; alt: string } | null;

export type ConvertOptions = {
  /** The page's address on the old site: relative links and image addresses are read against it. */
  baseUrl: string;
  /** Where each image went (see import-media.ts); without one, images are dropped and named. */
  resolveImage?: ImageResolver;
};

export type Converted = { body: ArticleBody; dropped: string[]; missingImages: string[] };

/** Elements dropped with everything in them whose loss a person should hear of. */
const REPORTED_ELEMENTS = new Set(['script', 'style', 'form', 'iframe', 'object', 'embed', 'applet', 'input', 'select', 'textarea', 'button', 'video', 'audio', 'canvas', 'svg', 'math', 'noscript', 'template', 'frame', 'frameset']);

/** Deepest element nesting read; deeper elements are unwrapped (their text is kept). */
const NESTING_LIMIT = 40;
/** Lists and quotes nested deeper than this are flattened into their parent's item. */
const MAX_BLOCK_NESTING = 5;

const PLAIN_BLOCKS = ['h1', 'h5', 'h6', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'details', 'summary', 'center', 'cite', 'small', 'sup', 'sub', 'mark', 'span', 'abbr', 'q', 'kbd', 'samp', 'var', 'time', 'ins', 'big', 'tt', 'label', 'font'];

function sanitizeOptions(found: Set<string>): SanitizeHtml.IOptions {
  return {
    parseStyleAttributes: false,
    allowedTags: ['p', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'hr', 'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'code', 'a', 'figure', 'figcaption', 'img', 'div', 'pre', 'table', 'tr', 'td', 'th', 'dl', 'dt', 'dd'],
    allowedAttributes: {
      a: ['href'],
      ol: ['start'],
      img: ['src', 'alt', 'data-attachment'],
      div: ['data-embed', 'data-url'],
    },
    // Relative addresses are resolved against the old page by the walk below, so they must survive.
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href', 'src', 'data-url'],
    allowProtocolRelative: true,
    transformTags: Object.fromEntries(
      PLAIN_BLOCKS.filter((tag) => !['h1', 'h5', 'h6', 'pre', 'table', 'tr', 'td', 'th', 'dl', 'dt', 'dd'].includes(tag)).map((tag) => [tag, ['cite', 'small', 'sup', 'sub', 'mark', 'span', 'abbr', 'q', 'kbd', 'samp', 'var', 'time', 'ins', 'big', 'tt', 'label', 'font'].includes(tag) ? 'span' : 'div']),
    ),
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'form', 'title', 'select', 'button', 'canvas', 'audio', 'video', 'applet'],
    disallowedTagsMode: 'discard',
    nestingLimit: NESTING_LIMIT,
    onOpenTag: (name) => {
      if (REPORTED_ELEMENTS.has(name)) found.add(name);
    },
  };
}

type Marks = Mark[];

class Walker {
  readonly dropped: string[] = [];
  readonly missingImages: string[] = [];
  private inline: InlineNode[] = [];

  constructor(private readonly options: ConvertOptions) {}

  /** An address read against the old page, or null when it is not one a reader may follow. */
  absolute(address: string | undefined): string | null {
    if (!address) return null;
    try {
      const url = new URL(address.trim(), this.options.baseUrl).toString();
      return isSafeHref(url) ? url : null;
    } catch {
      return null;
    }
  }

  private pushText(text: string, marks: Marks): void {
    if (!text) return;
    const last = this.inline[this.inline.length - 1];
    if (last && last.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(marks)) {
      last.text += text;
      return;
    }
    this.inline.push(marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text });
  }

  /** The inline run gathered so far as a paragraph (whitespace collapsed, ends trimmed), if it holds text. */
  private flush(into: Block[]): void {
    const content = tidyInline(this.inline);
    this.inline = [];
    if (content.length > 0) into.push({ type: 'paragraph', content });
  }

  /** Reads inline content only (for headings): blocks inside are read as their text. */
  inlineOf(nodes: ChildNode[], marks: Marks): InlineNode[] {
    const saved = this.inline;
    this.inline = [];
    const sink: Block[] = [];
    for (const node of nodes) this.visit(node, sink, marks, 0, true);
    const content = tidyInline(this.inline);
    this.inline = saved;
    return content;
  }

  blocks(nodes: ChildNode[], nesting: number): Block[] {
    const saved = this.inline;
    this.inline = [];
    const out: Block[] = [];
    for (const node of nodes) this.visit(node, out, [], nesting, false);
    this.flush(out);
    this.inline = saved;
    return out;
  }

  private image(element: Element): Block | null {
    const src = element.attribs.src ? this.absolute(element.attribs.src) : null;
    const ref: ImageRef = { src: src ?? '', attachmentId: element.attribs['data-attachment'] ?? null, alt: element.attribs.alt ?? '' };
    const resolved = this.options.resolveImage?.(ref) ?? null;
    if (!resolved) {
      this.missingImages.push(ref.src || `attachment ${ref.attachmentId ?? '?'}`);
      return null;
    }
    return { type: 'figure', attrs: { mediaId: resolved.mediaId, caption: '', credit: '', alt: (ref.alt || resolved.alt).slice(0, 500) } };
  }

  private figure(element: Element, out: Block[], nesting: number): void {
    const images = findAll(element, 'img');
    const captionElement = findAll(element, 'figcaption')[0];
    const caption = captionElement ? plainText(captionElement).replace(/\s+/g, ' ').trim().slice(0, 1000) : '';
    const embed = findAll(element, 'div').find((div) => div.attribs['data-embed']);
    if (embed) return this.visit(embed, out, [], nesting, false);
    if (images.length === 0) {
      for (const block of this.blocks(element.children, nesting)) out.push(block);
      return;
    }
    images.forEach((img, index) => {
      const figure = this.image(img);
      if (!figure || figure.type !== 'figure') return;
      // One caption under a gallery belongs to the gallery, shown under its last image.
      if (caption && (images.length === 1 || index === images.length - 1)) figure.attrs.caption = caption;
      out.push(figure);
    });
  }

  private list(element: Element, out: Block[], nesting: number): void {
    const items: ListItem[] = [];
    for (const child of element.children) {
      if (child.type !== 'tag') continue;
      const content = this.blocks(child.name === 'li' ? child.children : [child], nesting + 1);
      if (content.length > 0) items.push({ type: 'listItem', content });
    }
    if (items.length === 0) return;
    if (element.name === 'ol') {
      const start = Number.parseInt(element.attribs.start ?? '', 10);
      out.push({ type: 'orderedList', ...(Number.isInteger(start) && start !== 1 ? { attrs: { start } } : {}), content: items });
    } else {
      out.push({ type: 'bulletList', content: items });
    }
  }

  private visit(node: ChildNode, out: Block[], marks: Marks, nesting: number, inlineOnly: boolean): void {
    if (node.type === 'text') {
      this.pushText(node.data, marks);
      return;
    }
    if (node.type !== 'tag') return;
    const element = node;
    const name = element.name;
    const inline = (extra: Mark | null) => {
      const next = extra ? [...marks.filter((m) => m.type !== extra.type), extra] : marks;
      for (const child of element.children) this.visit(child, out, next, nesting, inlineOnly);
    };
    switch (name) {
      case 'strong':
      case 'b':
        return inline({ type: 'bold' });
      case 'em':
      case 'i':
        return inline({ type: 'italic' });
      case 'u':
        return inline({ type: 'underline' });
      case 's':
      case 'strike':
      case 'del':
        return inline({ type: 'strike' });
      case 'code':
        return inline({ type: 'code' });
      case 'a': {
        const href = this.absolute(element.attribs.href);
        return inline(href ? { type: 'link', attrs: { href } } : null);
      }
      case 'span':
        return inline(null);
      case 'br':
        this.inline.push({ type: 'hardBreak' });
        return;
    }
    if (inlineOnly) {
      // A heading's content: blocks inside it contribute their text, separated by a space.
      if (this.inline.length > 0) this.pushText(' ', marks);
      return inline(null);
    }
    this.flush(out);
    const deeper = nesting + 1;
    switch (name) {
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        const content = this.inlineOf(element.children, []);
        if (content.length === 0) return;
        const level = name === 'h1' || name === 'h2' ? 2 : name === 'h3' ? 3 : 4;
        out.push({ type: 'heading', attrs: { level }, content });
        return;
      }
      case 'ul':
      case 'ol':
        if (nesting >= MAX_BLOCK_NESTING) break;
        return this.list(element, out, nesting);
      case 'blockquote': {
        if (nesting >= MAX_BLOCK_NESTING) break;
        const content = this.blocks(element.children, deeper);
        if (content.length > 0) out.push({ type: 'blockquote', content });
        return;
      }
      case 'hr':
        out.push({ type: 'horizontalRule' });
        return;
      case 'img': {
        const figure = this.image(element);
        if (figure) out.push(figure);
        return;
      }
      case 'figure':
        return this.figure(element, out, nesting);
      case 'figcaption': {
        const content = this.inlineOf(element.children, [{ type: 'italic' }]);
        if (content.length > 0) out.push({ type: 'paragraph', content });
        return;
      }
      case 'pre': {
        // No code block in our body: the text keeps its lines, in code type.
        const lines = plainText(element).replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
        const content: InlineNode[] = [];
        lines.forEach((line, index) => {
          if (index > 0) content.push({ type: 'hardBreak' });
          if (line) content.push({ type: 'text', text: line, marks: [{ type: 'code' }] });
        });
        if (content.some((n) => n.type === 'text')) out.push({ type: 'paragraph', content });
        return;
      }
      case 'tr': {
        // A table row becomes a line of its cells: our body has no tables, and the text must stay.
        const cells = element.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
        const content: InlineNode[] = [];
        cells.forEach((cell, index) => {
          if (index > 0) content.push({ type: 'text', text: ' | ' });
          content.push(...this.inlineOf(cell.children, cell.name === 'th' ? [{ type: 'bold' }] : []));
        });
        const tidy = tidyInline(content);
        if (tidy.length > 0) out.push({ type: 'paragraph', content: tidy });
        return;
      }
      case 'div':
        if (element.attribs['data-embed']) {
          const url = this.absolute(element.attribs['data-url']);
          if (url) out.push({ type: 'embed', attrs: { url, title: '' } });
          return;
        }
        break;
    }
    // p, div, and a list or quote nested past the limit: its blocks join the parent's.
    for (const block of this.blocks(element.children, deeper)) out.push(block);
  }
}

function findAll(element: Element, name: string): Element[] {
  const found: Element[] = [];
  const stack: ChildNode[] = [...element.children];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node.type !== 'tag') continue;
    if (node.name === name) found.push(node);
    stack.unshift(...node.children);
  }
  return found;
}

function plainText(element: Element): string {
  let text = '';
  const stack: ChildNode[] = [...element.children];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node.type === 'text') text += node.data;
    else if (node.type === 'tag') stack.unshift(...(node.name === 'br' ? [{ type: 'text', data: '\n' } as ChildNode] : []), ...node.children);
  }
  return text;
}

/** Whitespace collapsed as a browser shows it, ends trimmed, empty runs and stray breaks dropped. */
function tidyInline(nodes: InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'hardBreak') {
      if (out.length > 0) out.push(node);
      continue;
    }
    const previous = out[out.length - 1];
    const endsInSpace = !previous || previous.type === 'hardBreak' || /\s$/.test(previous.text);
    let text = node.text.replace(/[\s\u00a0]+/g, (run) => (run.includes('\u00a0') ? '\u00a0' : ' '));
    if (endsInSpace) text = text.replace(/^ +/, '');
    if (text) out.push({ ...node, text });
  }
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last.type === 'hardBreak') {
      out.pop();
      continue;
    }
    const trimmed = last.text.replace(/\s+$/, '');
    if (trimmed) {
      last.text = trimmed;
      break;
    }
    out.pop();
  }
  return out;
}

/** A paragraph holding nothing but an address, as WordPress's auto-embed shows it: an embed. */
function autoEmbeds(blocks: Block[]): Block[] {
  return blocks.map((block) => {
    if (block.type !== 'paragraph' || block.content?.length !== 1) return block;
    const only = block.content[0]!;
    if (only.type !== 'text' || only.marks?.length || !/^https?:\/\/\S+$/.test(only.text) || !isSafeHref(only.text)) return block;
    return { type: 'embed', attrs: { url: only.text, title: '' } };
  });
}

/**
 * Heading levels that never skip one (WCAG 1.3.1; the Nu checker refuses a skip): the page's title
 * is the h1, so the first heading is at most h2, and each is at most one deeper than the one before.
 * Old posts often start at h3 or jump from h2 to h4.
 */
function evenHeadings(blocks: Block[]): Block[] {
  let previous = 1;
  const visit = (list: Block[]) => {
    for (const block of list) {
      if (block.type === 'heading') {
        const level = Math.min(block.attrs.level, previous + 1) as 2 | 3 | 4;
        block.attrs.level = level;
        previous = level;
      } else if ('content' in block && Array.isArray(block.content) && block.type !== 'paragraph') {
        visit(block.content as Block[]);
      }
    }
  };
  visit(blocks);
  return blocks;
}

/** Keeps as many leading blocks as the body limits allow, when a converted body is over them. */
function fitToLimits(blocks: Block[]): { body: ArticleBody; cut: boolean } {
  const whole = articleBodySchema.safeParse({ type: 'doc', content: blocks });
  // The parsed body, not the one built: the schema cleans text by the one text rule (lib/text-input.ts).
  if (whole.success) return { body: whole.data, cut: false };
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (articleBodySchema.safeParse({ type: 'doc', content: blocks.slice(0, middle) }).success) low = middle;
    else high = middle - 1;
  }
  return { body: articleBodySchema.parse({ type: 'doc', content: blocks.slice(0, low) }), cut: true };
}

/** Converts outside HTML into a body of our blocks, naming what was dropped and the images not found. */
export function htmlToBlocks(html: string, options: ConvertOptions): Converted {
  const found = new Set<string>();
  const clean = loadSanitizeHtml()(html, sanitizeOptions(found));
  const walker = new Walker(options);
  const document = parseDocument(clean, { decodeEntities: true });
  const blocks = evenHeadings(autoEmbeds(walker.blocks(document.children, 0)));
  const { body, cut } = fitToLimits(blocks.length > 0 ? blocks : [{ type: 'paragraph' }]);
  const dropped = [...walker.dropped, ...[...found].sort().map((name) => `<${name}>`)];
  if (cut) dropped.push(`the end of the body (over ${body.content.length} blocks, past the body's limits)`);
  return { body, dropped, missingImages: walker.missingImages };
}

/** The images an HTML body places (before conversion), so they can be fetched first: the converter's resolver is synchronous. */
export function imageRefsOf(html: string, baseUrl: string): ImageRef[] {
  const refs: ImageRef[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (name !== 'img') return;
      let src = '';
      try {
        src = attribs.src ? new URL(attribs.src, baseUrl).toString() : '';
      } catch {
        src = '';
      }
      refs.push({ src, attachmentId: attribs['data-attachment'] ?? null, alt: attribs.alt ?? '' });
    },
  });
  parser.write(html);
  parser.end();
  return refs;
}
