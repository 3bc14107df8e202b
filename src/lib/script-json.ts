/**
 * JSON to place inside a <script> element (JSON-LD, an island's data block). `<`, `>` and `&` are
 * escaped so no text in the data can close the element or open a comment, and U+2028/U+2029 so the
 * result is also a valid JavaScript string literal in older engines.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
