/**
 * The absolute URL of a path of the site: what `new URL(path, `${baseUrl}/`).href` answers. An
 * article page names ~8 such URLs (canonical, Open Graph, JSON-LD, hreflang), most of them its own
 * and so never seen before on a random archive read; parsing each cost more than the rest of the
 * presenter's work on it. A plain path (segments of unreserved characters, none `.` or `..`) under
 * a base with no path of its own resolves to the base's origin followed by the path, which the
 * parser would leave as it is; anything else goes through the parser.
 */
export function siteUrl(baseUrl: string, path: string): string {
  if (PLAIN_PATH.test(path)) {
    const origin = originOf(baseUrl);
    if (origin !== null) return origin + path;
  }
  return new URL(path, `${baseUrl}/`).href;
}

/** `/`, or `/`-led segments of RFC 3986 unreserved characters, none starting with a dot, and an optional final `/`. */
const PLAIN_PATH = /^(?:\/|(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+\/?)$/;

/** Each base URL's origin as the parser writes it, or null when the base has a path (or query) of its own. */
const origins = new Map<string, string | null>();

function originOf(baseUrl: string): string | null {
  let origin = origins.get(baseUrl);
  if (origin === undefined) {
    const url = new URL(`${baseUrl}/`);
    origin = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '' ? url.href.slice(0, -1) : null;
    // A process has one base URL (config.baseUrl); tests may make a few.
    if (origins.size >= 100) origins.clear();
    origins.set(baseUrl, origin);
  }
  return origin;
}
