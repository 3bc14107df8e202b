import { z } from 'zod';
import { textField } from '#src/lib/text-input.ts';
import { MAX_PAGE_BYTES } from './page-input.ts';

/** The longest pasted text the checker takes, in characters. */
export const MAX_TEXT_CHARS = 1_000_000;

/**
 * What to check: exactly one of a page's HTML, a text, or a URL to fetch. `html` and `text` are
 * plain strings here, not textField(): binary data must be seen (and refused) before the text rule
 * strips its control characters; the service cleans them with cleanText afterwards (ADR 0028).
 */
export const checkRequestSchema = z.object({
  /** The page's HTML source. */
  html: z.string().max(MAX_PAGE_BYTES, `The page may be at most ${MAX_PAGE_BYTES} characters.`).optional(),
  /** A plain text (the page's words without markup). */
  text: z.string().max(MAX_TEXT_CHARS, `The text may be at most ${MAX_TEXT_CHARS} characters.`).optional(),
  /** An http(s) URL to fetch and check. */
  url: textField().trim().max(2048).optional(),
  /** Where the given HTML or text was published (resolves relative links; names the page for licences). */
  pageUrl: textField().trim().max(2048).optional(),
});

/** A parsed check request. */
export type CheckRequest = z.output<typeof checkRequestSchema>;
