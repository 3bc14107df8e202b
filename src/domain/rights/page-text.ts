import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/**
 * The main text of a web page, as a reader reads it, without the page's chrome (menus, header and
 * footer, sidebars, comments, share bars, "read also" link lists), and every link on the page with
 * where it stands. htmlparser2 builds the tree (it parses as browsers do: unclosed tags, entities,
 * broken markup); the choice of what is chrome follows Mozilla Readability's rules of thumb:
 * semantic chrome elements and ARIA roles, class and id names that mark chrome
 * (Readability's "unlikely candidates" unless they also look like content), link-heavy blocks,
 * and the article's own container (`itemprop=articleBody`, `<article>`, `<main>`) when the page has one.
 */

/** A link on the page: its address (absolute when it can be made so), rel words, and its place in the main text. */
export type PageLink = {
  href: string;
  /** The rel attribute's words, lower case (`nofollow`, `ugc`, `sponsored` …). */
  rel: string[];
  /** Offset of the link's text in the main text; null when the link sits in the page's chrome. */
  offset: number | null;
  /** Offset just past the link's text in the main text; null with `offset`. */
  end: number | null;
  /** The link's own text. */
  text: string;
};

/** A page reduced to what the checker needs. */
export type PageText = {
  /** The main text: blocks separated by blank lines. */
  text: string;
  links: PageLink[];
  /** The page's own address (its canonical link, else the address it was fetched from), if known. */
  url: string | null;
  /** Whether the page tells robots not to follow its links (`<meta name="robots" content="nofollow">`). */
  robotsNofollow: boolean;
};

const SKIPPED_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'embed', 'form', 'button', 'select', 'textarea', 'input', 'nav', 'aside', 'menu', 'dialog', 'head', 'canvas', 'video', 'audio', 'map']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert']);
/** Readability's unlikely candidates (class and id words of chrome) … */
const UNLIKELY = /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|subscribe|newsletter|cookie|promo|widget|tags|navbar|masthead/i;
/** … unless the same names also say content. */
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow|entry|story|post-text/i;
const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary', 'center']);
/** A list or box whose text is mostly link text is a menu or a "read also" block. */
const MAX_LINK_DENSITY = 0.5;
const LINK_BLOCK_TAGS = new Set(['ul', 'ol', 'div', 'section', 'table', 'dl']);

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || SKIPPED_TAGS.has(node.name)) return '';
  return node.children.map(textOf).join('');
}

function linkTextOf(node: ChildNode): number {
  if (!isElement(node)) return 0;
  if (node.name === 'a') return textOf(node).replace(/\s+/g, '').length;
  return node.children.reduce((sum, child) => sum + linkTextOf(child), 0);
}

function within(node: Element, names: Set<string>): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'tag' && names.has(parent.name)) return true;
    if (parent.type === 'tag' && parent.attribs.itemprop === 'articleBody') return true;
  }
  return false;
}

const CONTENT_CONTAINERS = new Set(['article', 'main']);

/** Whether an element is chrome the main text leaves out. */
function isChrome(node: Element): boolean {
  if (SKIPPED_TAGS.has(node.name)) return true;
  if (node.attribs.hidden !== undefined || node.attribs['aria-hidden'] === 'true') return true;
  if (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(node.attribs.style ?? '')) return true;
  if (CHROME_ROLES.has((node.attribs.role ?? '').toLowerCase())) return true;
  // A header or footer of the page is chrome; the header of an article (its headline) is not.
  if ((node.name === 'header' || node.name === 'footer') && !within(node, CONTENT_CONTAINERS)) return true;
  if (node.name === 'body' || node.name === 'html' || node.name === 'article' || node.name === 'main' || node.name === 'a') return false;
  const names = `${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`;
  if (names.trim() && UNLIKELY.test(names) && !MAYBE_CONTENT.test(names)) return true;
  if (LINK_BLOCK_TAGS.has(node.name)) {
    const text = textOf(node).replace(/\s+/g, '').length;
    if (text > 0 && linkTextOf(node) / text > MAX_LINK_DENSITY) return true;
  }
  return false;
}

function findAll(nodes: ChildNode[], test: (element: Element) => boolean, out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) out.push(node);
    findAll(node.children, test, out);
  }
  return out;
}

function wordsIn(node: ChildNode): number {
  return textOf(node).split(/\s+/).filter(Boolean).length;
}

/** The element holding the article: the marked article body, else the biggest <article>, else <main>, else <body>. */
function contentRoot(nodes: ChildNode[]): { root: ChildNode[]; headline: Element | undefined } {
  const byWords = (list: Element[]) => list.map((element) => ({ element, words: wordsIn(element) })).sort((a, b) => b.words - a.words)[0];
  for (const test of [(e: Element) => e.attribs.itemprop === 'articleBody', (e: Element) => e.name === 'article', (e: Element) => e.name === 'main']) {
    const best = byWords(findAll(nodes, test));
    if (best && best.words >= 25) {
      // A headline above the article's container (in the page's header) is still the article's title.
      const headline = findAll(nodes, (e) => e.name === 'h1')[0];
      const inside = headline && findAll([best.element], (e) => e === headline).length > 0;
      return { root: [best.element], headline: inside ? undefined : headline };
    }
  }
  const body = findAll(nodes, (e) => e.name === 'body')[0];
  return { root: body ? [body] : nodes, headline: undefined };
}

/** Builds the main text block by block, noting where each link inside it starts. */
class TextBuilder {
  text = '';
  private pendingBreak = false;
  readonly offsets = new Map<Element, number>();
  readonly ends = new Map<Element, number>();

  block(): void {
    if (this.text) this.pendingBreak = true;
  }

  inline(data: string): void {
    const collapsed = data.replace(/\s+/g, ' ');
    if (!collapsed.trim()) {
      if (collapsed && this.text && !this.pendingBreak && !this.text.endsWith(' ')) this.text += ' ';
      return;
    }
    if (this.pendingBreak) {
      this.text = `${this.text.trimEnd()}\n\n`;
      this.pendingBreak = false;
    }
    const leading = this.text === '' || this.text.endsWith('\n') || this.text.endsWith(' ') ? collapsed.trimStart() : collapsed;
    this.text += leading;
  }

  walk(node: ChildNode): void {
    if (node.type === 'text') return this.inline(node.data);
    if (!isElement(node) || isChrome(node)) return;
    if (node.name === 'br') return this.block();
    const isBlock = BLOCK_TAGS.has(node.name);
    if (isBlock) this.block();
    if (node.name === 'a') this.offsets.set(node, this.text.length + (this.pendingBreak ? 2 : 0));
    for (const child of node.children) this.walk(child);
    if (node.name === 'a') this.ends.set(node, this.text.length);
    if (isBlock) this.block();
  }
}

function absolute(href: string, base: string | null): string {
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return href.trim();
  }
}

/** The main text, links and robots rules of an HTML page; `pageUrl` is where it was fetched from, if it was. */
export function extractPageText(html: string, pageUrl: string | null = null): PageText {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const nodes = document.children;
  const baseHref = findAll(nodes, (e) => e.name === 'base' && Boolean(e.attribs.href))[0]?.attribs.href;
  const base = baseHref ? absolute(baseHref, pageUrl) : pageUrl;
  const canonical = findAll(nodes, (e) => e.name === 'link' && (e.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical') && Boolean(e.attribs.href))[0];
  const robots = findAll(nodes, (e) => e.name === 'meta' && /^(robots|googlebot)$/i.test(e.attribs.name ?? ''))
    .map((e) => (e.attribs.content ?? '').toLowerCase())
    .join(',');

  const { root, headline } = contentRoot(nodes);
  const builder = new TextBuilder();
  if (headline) builder.walk(headline);
  for (const node of root) builder.walk(node);

  const links = findAll(nodes, (e) => e.name === 'a' && typeof e.attribs.href === 'string' && e.attribs.href.trim() !== '').map((anchor) => ({
    href: absolute(anchor.attribs.href!, base),
    rel: (anchor.attribs.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    offset: builder.offsets.get(anchor) ?? null,
    end: builder.ends.get(anchor) ?? null,
    text: textOf(anchor).replace(/\s+/g, ' ').trim(),
  }));
  return {
    text: builder.text.trim(),
    links,
    url: canonical ? absolute(canonical.attribs.href!, base) : pageUrl,
    robotsNofollow: /\b(nofollow|none)\b/.test(robots),
  };
}
