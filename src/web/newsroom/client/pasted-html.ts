/** Elements whose content is never article text. */
const DROPPED = 'script, style, iframe, object, embed, template, noscript, link, meta, svg, math, form';

/**
 * Event-handler and style attributes, removed from the text before any DOM parses it: Chromium
 * checks them against the CSP while parsing, even in an inert DOMParser document, and reports a
 * violation for each. A form this misses is still refused by the CSP (and dropped by the cleaning below).
 */
const INLINE_ATTRIBUTES = /([\s/"'])(?:on[a-z]+|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi;

/**
 * Cleans HTML pasted into the body before ProseMirror reads it: drops event-handler and style
 * attributes and non-text elements. ProseMirror's schema keeps only our node and mark types anyway;
 * this keeps the browser from even trying to run `onerror=` or apply `style=` while it parses.
 * DOMParser documents are inert: nothing loads or runs there.
 */
export function cleanPastedHtml(html: string): string {
  // Only inside start tags: text such as "code style = K&R" stays as it was pasted.
  const stripped = html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(INLINE_ATTRIBUTES, '$1'));
  const doc = new DOMParser().parseFromString(stripped, 'text/html');
  for (const element of Array.from(doc.querySelectorAll(DROPPED))) element.remove();
  for (const element of Array.from(doc.body.querySelectorAll('*'))) {
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcset' || (name === 'src' && element.tagName !== 'IMG')) {
        element.removeAttribute(attribute.name);
      }
    }
    // Outside images are not ours to show (the body only places media-library figures): no src, no request.
    if (element.tagName === 'IMG') element.removeAttribute('src');
  }
  return doc.body.innerHTML;
}
