import { z } from 'zod';

/**
 * The one rule for text that comes in from outside (forms, JSON, imports): both databases must
 * store the same bytes, and pages and feeds must never carry invisible control characters.
 *
 * - NUL and the other C0 controls (U+0000–U+001F) and DEL and the C1 controls (U+007F–U+009F) are
 *   removed: PostgreSQL refuses NUL in text outright, while SQLite stores it, and text copied from
 *   PDFs and Word brings them in. Tab and newline are kept where a field is multi-line; on a
 *   single-line field every line break or tab becomes one space, so words do not run together.
 * - The noncharacters U+FFFE and U+FFFF are removed too: XML forbids them, and a feed carrying one is invalid.
 * - A lone UTF-16 surrogate (never valid UTF-8) becomes U+FFFD, so the driver never has to.
 * - The result is in Unicode NFC, so "ә" typed as a + combining mark and "ә" precomposed are one string.
 */
const LINE_BREAKS = /\r\n?/g;
const SINGLE_LINE_SPACING = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const CONTROLS_EXCEPT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cleans one text value by the rule above; `multiline` keeps tabs and newlines (CR LF and CR become LF). */
export function cleanText(value: string, options: { multiline?: boolean } = {}): string {
  const spaced = options.multiline ? value.replace(LINE_BREAKS, '\n') : value.replace(SINGLE_LINE_SPACING, ' ');
  return spaced.replace(CONTROLS_EXCEPT_TAB_AND_NEWLINE, '').replace(LONE_SURROGATE, '\uFFFD').normalize('NFC');
}

/**
 * A single-line text field: cleaned, then checked. Chain zod's string checks after it as usual
 * (`textField().trim().min(1).max(300)`): `.overwrite` keeps it a string schema, so the OpenAPI
 * document still shows the limits.
 */
export function textField() {
  return z.string().overwrite((value) => cleanText(value));
}

/** A multi-line text field (notes, corrections, bios): tabs and newlines kept, the rest as textField. */
export function multilineTextField() {
  return z.string().overwrite((value) => cleanText(value, { multiline: true }));
}
