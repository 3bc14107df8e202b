/**
 * Markup written as strings, escaped exactly as preact-render-to-string 6 escapes (`"`, `&` and
 * `<`, in text and attribute values alike), so a part of a page written here is the same bytes a
 * component would draw (the article body, the document head).
 */
export function escapeHtml(text: string): string {
  return ESCAPABLE.test(text) ? text.replace(ESCAPABLE_ALL, (c) => ESCAPES[c]!) : text;
}

const ESCAPABLE = /["&<]/;
const ESCAPABLE_ALL = /["&<]/g;
const ESCAPES: Readonly<Record<string, string>> = { '"': '&quot;', '&': '&amp;', '<': '&lt;' };

/**
 * ` name="value"` as Preact writes an attribute: nothing for undefined, null or false, the bare
 * name for true or an empty string.
 */
export function htmlAttribute(name: string, value: string | number | boolean | null | undefined): string {
  if (value === undefined || value === null || value === false) return '';
  if (value === true || value === '') return ` ${name}`;
  return ` ${name}="${escapeHtml(String(value))}"`;
}
