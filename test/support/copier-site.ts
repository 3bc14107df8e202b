import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer the site gives at a path: a body with its type, validators it sends, or a redirect. */
export type SitePage = { body: string; type?: string; etag?: string; lastModified?: string } | { redirect: string } | { status: number } | { hang: true };

/** A request the site received: path, and the headers a polite client sends. */
export type SiteRequest = { path: string; userAgent: string; ifNoneMatch: string | null; ifModifiedSince: string | null; status: number };

/** A web site on 127.0.0.1 for the copy monitor to poll: pages by path, changed at will, and a log of every request. */
export type CopierSite = {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  pages: Map<string, SitePage>;
  requests: SiteRequest[];
  /** The requests for `path`. */
  requestsFor(path: string): SiteRequest[];
  close(): Promise<void>;
};

/**
 * Starts the site. A page with an ETag (or Last-Modified) answers 304 to a request that sends it
 * back, as a real server does; an unknown path is a 404 (so a site without robots.txt allows all).
 */
export async function startCopierSite(): Promise<CopierSite> {
  const pages = new Map<string, SitePage>();
  const requests: SiteRequest[] = [];
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    const page = pages.get(path);
    const ifNoneMatch = request.headers['if-none-match'] ?? null;
    const ifModifiedSince = request.headers['if-modified-since'] ?? null;
    const log = (status: number) => requests.push({ path, userAgent: request.headers['user-agent'] ?? '', ifNoneMatch, ifModifiedSince, status });
    if (!page) {
      log(404);
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not here.');
    }
    if ('redirect' in page) {
      log(302);
      return void response.writeHead(302, { location: page.redirect }).end();
    }
    if ('hang' in page) {
      log(0);
      return; // never answers: the client's time limit must end it
    }
    if ('status' in page) {
      log(page.status);
      return void response.writeHead(page.status, { 'content-type': 'text/plain' }).end('Trouble.');
    }
    const validators: Record<string, string> = {};
    if (page.etag) validators.etag = page.etag;
    if (page.lastModified) validators['last-modified'] = page.lastModified;
    if ((page.etag && ifNoneMatch === page.etag) || (!page.etag && page.lastModified && ifModifiedSince === page.lastModified)) {
      log(304);
      return void response.writeHead(304, validators).end();
    }
    log(200);
    response.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8', ...validators }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    pages,
    requests,
    requestsFor: (path) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An RSS 2.0 feed listing `paths` of `origin`. */
export function rssFeed(origin: string, paths: string[]): string {
  const items = paths.map((path, i) => `<item><title>Story ${i + 1}</title><link>${origin}${path}</link><guid>${origin}${path}</guid></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Copier news</title><link>${origin}/</link><description>Stories</description>${items}</channel></rss>`;
}

/** A sitemap listing `paths` of `origin`. */
export function sitemap(origin: string, paths: string[]): string {
  const urls = paths.map((path) => `<url><loc>${origin}${path}</loc></url>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`;
}
