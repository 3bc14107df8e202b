const UNSAFE = /[<>&\u2028\u2029]/;
const UNSAFE_ALL = /[<>&\u2028\u2029]/g;
const ESCAPES: Readonly<Record<string, string>> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON to place inside a <script> element (JSON-LD, an island's data block). `<`, `>` and `&` are
 * escaped so no text in the data can close the element or open a comment, and U+2028/U+2029 so the
 * result is also a valid JavaScript string literal in older engines.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  // Most documents (an article's JSON-LD) have none of these: one scan instead of five copies.
  return UNSAFE.test(json) ? json.replace(UNSAFE_ALL, (c) => ESCAPES[c]!) : json;
}
