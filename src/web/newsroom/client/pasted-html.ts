import sanitizeHtml from 'sanitize-html';
import { isSafeHref } from '#src/lib/safe-href.ts';

/**
 * Block elements the body has no type for (h1, h5, tables, code blocks, page structure): they become
 * plain blocks, so their text stays a paragraph of its own instead of running into its neighbour.
 */
const PLAIN_BLOCKS = [
  'h1', 'h5', 'h6', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd',
  'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'address', 'figcaption', 'details', 'summary',
];

/** Elements whose content is never article text: dropped with everything inside them. */
const NON_TEXT = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math', 'form', 'title'];

const OPTIONS: sanitizeHtml.IOptions = {
  // No style attribute is allowed, so none is parsed; the bundle aliases postcss (the CSS parser
  // behind style parsing) to a stub that is never called (vite.config.ts).
  parseStyleAttributes: false,
  // The node and mark types of articleBodySchema (domain/articles/article-body.ts), as TipTap reads them from HTML.
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'hr',
    'strong', 'b', 'em', 'i', 'u', 's', 'strike', 'del', 'code', 'a',
    // The editor's own clipboard: a figure of the media library, an embed's link card, and plain blocks.
    'figure', 'div',
  ],
  allowedAttributes: {
    a: ['href'],
    ol: ['start'],
    figure: ['data-media-id', 'data-caption', 'data-credit', 'data-alt'],
    div: ['data-embed', 'data-url', 'data-title'],
    // ProseMirror marks where a copied slice starts and ends, so pasting part of a list joins the list.
    '*': ['data-pm-slice'],
  },
  // Links and embeds accept http, https and mailto only (see safeHrefSchema); relative addresses are not ours either.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href', 'data-url'],
  allowProtocolRelative: false,
  transformTags: {
    ...Object.fromEntries(PLAIN_BLOCKS.map((tag) => [tag, 'div'])),
    // The editor's own rule for addresses (absolute http(s) or mailto): a relative or odd one loses the attribute, the text stays.
    a: (tagName, attribs) => ({ tagName, attribs: withSafeAddress(attribs, 'href') }),
    div: (tagName, attribs) => ({ tagName, attribs: withSafeAddress(attribs, 'data-url') }),
  },
  nonTextTags: NON_TEXT,
  disallowedTagsMode: 'discard',
};

function withSafeAddress(attribs: sanitizeHtml.Attributes, name: string): sanitizeHtml.Attributes {
  const address = attribs[name];
  if (address === undefined || isSafeHref(address)) return attribs;
  const { [name]: _dropped, ...rest } = attribs;
  return rest;
}

/**
 * Cleans HTML pasted into the body before ProseMirror reads it, with sanitize-html: only the elements
 * and attributes the body's node and mark types are made from survive, and no event handler, style or
 * script address ever reaches a DOM (Chromium checks inline handlers against the CSP while parsing,
 * even in an inert document, and reports a violation for each). Outside images are dropped: the body
 * only places media-library figures.
 */
export function cleanPastedHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
