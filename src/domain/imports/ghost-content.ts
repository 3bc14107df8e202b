/**
 * Ghost post bodies as HTML for html-to-blocks. A Ghost export carries the rendered `html` beside the
 * source document, and that is what readers saw: it is used when present. Without it the source is
 * rendered here: mobiledoc (Ghost 2–4) or lexical (Ghost 5–6), the common sections, cards and nodes;
 * a card or node of another kind is dropped and named.
 */

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Rendered = { html: string; dropped: string[] };

/** A markdown card's text, read as plain paragraphs (headings, quotes and list markers kept as text). */
function markdownAsParagraphs(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(chunk);
      if (heading && !chunk.includes('\n')) return `<h${Math.min(heading[1]!.length, 4)}>${escapeHtml(heading[2]!)}</h${Math.min(heading[1]!.length, 4)}>`;
      return `<p>${escapeHtml(chunk).replace(/\n/g, '<br>')}</p>`;
    })
    .join('');
}

function imageFigure(src: string, alt: string, caption: string): string {
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
}

/** Cards both formats share, by name and payload. */
function renderCard(name: string, payload: Record<string, unknown>, dropped: string[]): string {
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  switch (name) {
    case 'image':
      return imageFigure(text('src'), text('alt'), text('caption'));
    case 'gallery':
      return ((payload.images as Array<Record<string, unknown>> | undefined) ?? []).map((image) => imageFigure(String(image.src ?? ''), String(image.alt ?? ''), String(image.caption ?? ''))).join('');
    case 'html':
      return text('html');
    case 'markdown':
    case 'card-markdown':
      return markdownAsParagraphs(text('markdown'));
    case 'embed':
    case 'bookmark':
      return text('url') ? `<div data-embed="1" data-url="${escapeHtml(text('url'))}"></div>` : '';
    case 'hr':
    case 'horizontalrule':
      return '<hr>';
    case 'code':
    case 'codeblock':
      return `<pre>${escapeHtml(text('code'))}</pre>`;
    default:
      dropped.push(`card "${name}"`);
      return '';
  }
}

type Mobiledoc = {
  markups?: Array<[string, string[]?]>;
  atoms?: Array<[string, string, unknown]>;
  cards?: Array<[string, Record<string, unknown>]>;
  sections?: unknown[][];
};

function renderMarkers(doc: Mobiledoc, markers: unknown[]): string {
  let html = '';
  const open: string[] = [];
  for (const marker of markers as Array<[number, number[], number, unknown]>) {
    const [type, opens, closes, value] = marker;
    for (const index of opens ?? []) {
      const [tag, attrs = []] = doc.markups?.[index] ?? ['span'];
      const attributes: string[] = [];
      for (let i = 0; i + 1 < attrs.length; i += 2) attributes.push(` ${attrs[i]}="${escapeHtml(String(attrs[i + 1]))}"`);
      html += `<${tag}${attributes.join('')}>`;
      open.push(tag);
    }
    if (type === 0) html += escapeHtml(String(value ?? ''));
    else {
      const atom = doc.atoms?.[Number(value)];
      if (atom) html += escapeHtml(String(atom[1] ?? ''));
    }
    for (let i = 0; i < closes && open.length > 0; i++) html += `</${open.pop()}>`;
  }
  while (open.length > 0) html += `</${open.pop()}>`;
  return html;
}

/** Mobiledoc 0.3 (Ghost 2–4) as HTML. */
export function mobiledocToHtml(source: string): Rendered {
  const dropped: string[] = [];
  const doc = JSON.parse(source) as Mobiledoc;
  const parts: string[] = [];
  for (const section of doc.sections ?? []) {
    const [kind] = section as [number];
    if (kind === 1) {
      const tag = String(section[1] ?? 'p').toLowerCase();
      const safe = /^(p|h[1-6]|blockquote|aside)$/.test(tag) ? (tag === 'aside' ? 'blockquote' : tag) : 'p';
      parts.push(`<${safe}>${renderMarkers(doc, (section[2] as unknown[]) ?? [])}</${safe}>`);
    } else if (kind === 3) {
      const tag = section[1] === 'ol' ? 'ol' : 'ul';
      parts.push(`<${tag}>${((section[2] as unknown[][]) ?? []).map((item) => `<li>${renderMarkers(doc, item)}</li>`).join('')}</${tag}>`);
    } else if (kind === 10) {
      const card = doc.cards?.[Number(section[1])];
      if (card) parts.push(renderCard(card[0], card[1] ?? {}, dropped));
    }
  }
  return { html: parts.join('\n'), dropped };
}

type LexicalNode = { type?: string; children?: LexicalNode[]; text?: string; format?: number | string; tag?: string; listType?: string; url?: string; src?: string; altText?: string; caption?: string; html?: string; [key: string]: unknown };

/** Lexical's text format bits, in Lexical's order. */
const FORMAT_TAGS: Array<[number, string]> = [
  [1, 'strong'],
  [2, 'em'],
  [4, 's'],
  [8, 'u'],
  [16, 'code'],
];

function renderLexical(nodes: LexicalNode[] | undefined, dropped: string[], depth: number): string {
  if (!nodes || depth > 40) return '';
  return nodes
    .map((node) => {
      const inner = () => renderLexical(node.children, dropped, depth + 1);
      switch (node.type) {
        case 'text':
        case 'extended-text': {
          let html = escapeHtml(node.text ?? '');
          const format = typeof node.format === 'number' ? node.format : 0;
          for (const [bit, tag] of FORMAT_TAGS) if (format & bit) html = `<${tag}>${html}</${tag}>`;
          return html;
        }
        case 'linebreak':
          return '<br>';
        case 'link':
        case 'autolink':
          return `<a href="${escapeHtml(node.url ?? '')}">${inner()}</a>`;
        case 'paragraph':
          return `<p>${inner()}</p>`;
        case 'heading':
        case 'extended-heading': {
          const tag = /^h[1-6]$/.test(node.tag ?? '') ? node.tag! : 'h2';
          return `<${tag}>${inner()}</${tag}>`;
        }
        case 'quote':
        case 'extended-quote':
        case 'aside':
          return `<blockquote>${inner()}</blockquote>`;
        case 'list':
          return node.listType === 'number' ? `<ol>${inner()}</ol>` : `<ul>${inner()}</ul>`;
        case 'listitem':
          return `<li>${inner()}</li>`;
        case 'image':
          return imageFigure(String(node.src ?? ''), String(node.alt ?? node.altText ?? ''), String(node.caption ?? ''));
        default: {
          if (node.children) return inner();
          return renderCard(String(node.type ?? 'unknown'), node as Record<string, unknown>, dropped);
        }
      }
    })
    .join('');
}

/** Lexical (Ghost 5–6) as HTML. */
export function lexicalToHtml(source: string): Rendered {
  const dropped: string[] = [];
  const doc = JSON.parse(source) as { root?: LexicalNode };
  return { html: renderLexical(doc.root?.children, dropped, 0), dropped };
}

/** A Ghost post's body as HTML: its rendered html, else its lexical or mobiledoc source. */
export function ghostBodyToHtml(post: { html?: unknown; lexical?: unknown; mobiledoc?: unknown }): Rendered {
  if (typeof post.html === 'string' && post.html.trim()) return { html: post.html, dropped: [] };
  try {
    if (typeof post.lexical === 'string' && post.lexical) return lexicalToHtml(post.lexical);
    if (typeof post.mobiledoc === 'string' && post.mobiledoc) return mobiledocToHtml(post.mobiledoc);
  } catch {
    return { html: '', dropped: ['the body (its source document is not valid JSON)'] };
  }
  return { html: '', dropped: [] };
}
