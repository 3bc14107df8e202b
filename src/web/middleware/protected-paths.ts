const PROTECTED = /^\/(?:newsroom|api\/admin)(?:[/?#]|$)/;
const API = /^\/api\//;
const ADMIN_API = /^\/api\/admin(?:[/?#]|$)/;

/** Whether a URL belongs to the newsroom or the admin API, where every request needs a signed-in user. */
export function isProtectedPath(url: string): boolean {
  return PROTECTED.test(url);
}

/** Whether a URL is an API call (answers JSON 401) rather than a page (redirects to sign-in). */
export function isApiPath(url: string): boolean {
  return API.test(url);
}

/** Whether a URL belongs to the admin API, where an `Authorization: Bearer` API key may stand in for a session. */
export function isAdminApiPath(url: string): boolean {
  return ADMIN_API.test(url);
}

/**
 * A safe place to go after signing in: a same-site path only ("/…" but not "//…" or "/\…",
 * which browsers treat as another host), in printable ASCII; otherwise the newsroom home.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2000) return '/newsroom';
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/newsroom';
  // Printable ASCII only (what browsers send, percent-encoded): no control characters, none a header cannot carry.
  if (/[^\x21-\x7e]/.test(next) || next.includes('\\')) return '/newsroom';
  return next;
}

/**
 * The path that decides protection: the matched route's pattern (the router decodes %XX, so
 * "/newsroo%6D/tags" reaches the /newsroom/tags handler and must be guarded like it), or, when no
 * route matched, the percent-decoded request path.
 */
export function guardedPath(routeUrl: string | undefined, rawUrl: string): string {
  if (routeUrl) return routeUrl;
  try {
    return decodeURIComponent(rawUrl);
  } catch {
    return rawUrl;
  }
}
