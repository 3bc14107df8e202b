/**
 * The site paths an old post answered at, in the one form the redirect table keeps them: the path
 * without its trailing slash and percent-decoded ("/2013/01/11/slug/" → "/2013/01/11/slug"), or
 * WordPress's query-string form ("/?p=1178", "/?page_id=2"). The lookup on a 404 reads a request
 * the same way (legacyPathsOf), so both sides agree.
 */

/** The query parameters WordPress addresses a post or page by when it has no pretty permalink. */
const LEGACY_QUERY_KEYS = ['p', 'page_id', 'attachment_id'] as const;

/** A path in the table's form: decoded, single slashes, no trailing slash (but the root). */
export function normalizePath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // Not valid percent-encoding: keep it as sent.
  }
  // Old exports carry doubled slashes (https://site.example//greek/…); browsers and WordPress read them as one.
  const single = decoded.replace(/\/{2,}/g, '/');
  const trimmed = single.length > 1 ? single.replace(/\/+$/, '') : single;
  return trimmed || '/';
}

/** "/?p=1178" for a WordPress post id, "/?page_id=2" for a page. */
export function legacyQueryPath(key: (typeof LEGACY_QUERY_KEYS)[number], id: string): string {
  return `/?${key}=${id}`;
}

/** The path of an old address, when it is on the old site (`siteUrl`'s host); null otherwise. */
export function oldSitePath(address: string, siteUrl: string): string | null {
  try {
    const url = new URL(address, siteUrl);
    const site = new URL(siteUrl);
    if (url.hostname.replace(/^www\./, '') !== site.hostname.replace(/^www\./, '')) return null;
    // A site installed in a folder (example.com/blog/) keeps that folder in its paths: readers' links have it.
    for (const key of LEGACY_QUERY_KEYS) {
      const id = url.searchParams.get(key);
      if (id && /^\d+$/.test(id) && (url.pathname === '/' || url.pathname === '')) return legacyQueryPath(key, id);
    }
    return normalizePath(url.pathname);
  } catch {
    return null;
  }
}

/** The table keys a request may have been recorded under: its path, and its WordPress query form. */
export function legacyPathsOf(pathname: string, query: URLSearchParams): string[] {
  const paths = [normalizePath(pathname)];
  if (pathname === '/' || pathname === '') {
    for (const key of LEGACY_QUERY_KEYS) {
      const id = query.get(key);
      if (id && /^\d+$/.test(id)) paths.unshift(legacyQueryPath(key, id));
    }
  }
  return paths;
}
