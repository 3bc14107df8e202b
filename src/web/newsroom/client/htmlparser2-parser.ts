/**
 * The one part of htmlparser2 that sanitize-html uses (`new htmlparser.Parser(…)`), for the browser
 * bundle (see vite.config.ts): the package's index also pulls in its DOM handler, serializer and
 * feed reader, which the paste cleaner never runs. The path bypasses the package's export map on
 * purpose; a major version of htmlparser2 that moves it fails the build, not the editor.
 */
export { Parser } from '../../../../node_modules/htmlparser2/dist/esm/Parser.js';
