import { safeFetch, type SafeFetchOptions } from '#src/lib/safe-fetch.ts';
import { SafeFetchError } from '#src/lib/safe-fetch-errors.ts';
import { Invalid } from '#src/lib/errors.ts';
import { MAX_PAGE_BYTES, decodePageBytes } from './page-input.ts';

/** Who we say we are to the sites whose pages we check. */
export const RIGHTS_USER_AGENT = 'Qalam-RightsDesk/1.0 (reuse checker)';

/** Limits of one page fetch: an editor is waiting for the answer. */
export const PAGE_FETCH_LIMITS = { connectTimeoutMs: 5_000, timeoutMs: 15_000, maxBytes: MAX_PAGE_BYTES, maxRedirects: 5 };

/** A fetched page: its decoded body, whether it is HTML or plain text, and the address that answered. */
export type FetchedPage = { body: string; isHtml: boolean; url: string };

/**
 * Fetches the page at `url` through safeFetch (http(s) only, public addresses unless allowed, at
 * most 5 redirects, timeouts, a size cap); every refusal becomes Invalid('url') naming it.
 */
export async function fetchPage(url: string, options: Pick<SafeFetchOptions, 'allowHosts' | 'resolve' | 'timeoutMs' | 'connectTimeoutMs'> = {}): Promise<FetchedPage> {
  let response;
  try {
    response = await safeFetch(url, {
      ...PAGE_FETCH_LIMITS,
      ...options,
      userAgent: RIGHTS_USER_AGENT,
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.8' },
    });
  } catch (error) {
    if (error instanceof SafeFetchError) throw new Invalid('url', error.message);
    throw error;
  }
  return fetchedPage('url', response.body, String(response.headers['content-type'] ?? ''), response.url);
}

/** A fetched answer read as a page: HTML or plain text only (else Invalid(field) naming what it is), decoded by its charset. */
export function fetchedPage(field: string, body: Uint8Array, contentType: string, url: string): FetchedPage {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType && !/^(text\/html|application\/xhtml\+xml|text\/plain)$/.test(mediaType)) {
    throw new Invalid(field, `${new URL(url).host} answered ${mediaType}, not a web page.`);
  }
  return { body: decodePageBytes(field, body, contentType), isHtml: mediaType !== 'text/plain', url };
}
