/**
 * Stands in for postcss in the browser bundle (see vite.config.ts): sanitize-html imports its
 * `parse` but calls it only for allowed style attributes, and the paste cleaner allows none.
 */
export function parse(): never {
  throw new Error('Style attributes are not parsed in the editor.');
}

export default { parse };
