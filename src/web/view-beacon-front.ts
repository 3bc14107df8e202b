import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { SESSION_COOKIE } from './middleware/auth.ts';
import { PIXEL, viewedArticleId } from './site/routes/view-beacon.ts';
import { isCountedAgent } from './site/page-views.ts';

/**
 * The view beacon answered before the framework, as the cache front answers cached pages (ADR
 * 0027): every article view a reader's browser shows sends one, so through Fastify's routing, hooks
 * and body parser it cost more than the cached page it counted (bench/views.ts). This front takes
 * the beacons of people without a session cookie: the no-JavaScript pixel (GET /views/ID.gif) and
 * the form-encoded POST /views that public/views.js sends. Anything else (a session cookie, whose
 * owner the framework must identify; another body type; request logging on) goes to the route in
 * site/routes/view-beacon.ts, which answers the same.
 */
export type ViewBeaconFront = {
  /** Answers a beacon and says true, or says false having touched nothing. */
  answer(request: IncomingMessage, response: ServerResponse): boolean;
  /** Stops answering: from now on the framework answers everything. */
  stop(): void;
};

const PIXEL_PATH = /^\/views\/(\d+)\.gif$/;
const FORM = 'application/x-www-form-urlencoded';
const SESSION_COOKIE_PAIR = `${SESSION_COOKIE}=`;
/** A beacon's body is "article=ID": anything longer is not one, and is not read further. */
const MAX_BODY_BYTES = 256;

export function createViewBeaconFront(views: ReaderViews, securityHeaders: Readonly<Record<string, string>>): ViewBeaconFront {
  const noContent = { ...securityHeaders, 'cache-control': 'no-store' };
  const image = { ...securityHeaders, 'cache-control': 'no-store', 'content-type': 'image/gif', 'content-length': String(PIXEL.length) };
  let isStopped = false;

  const count = (request: IncomingMessage, raw: unknown) => {
    const id = viewedArticleId(raw);
    if (id !== undefined && isCountedAgent(request.headers['user-agent'])) views.record(id);
  };

  return {
    answer(request, response) {
      if (isStopped) return false;
      const { headers } = request;
      if (headers.cookie !== undefined && headers.cookie.includes(SESSION_COOKIE_PAIR)) return false;
      const url = request.url ?? '';
      if (request.method === 'POST' && url === '/views') {
        if (!headers['content-type']?.toLowerCase().startsWith(FORM)) return false;
        const chunks: Buffer[] = [];
        let size = 0;
        request.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        request.on('end', () => {
          if (size <= MAX_BODY_BYTES) {
            const fields = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).getAll('article');
            // A repeated field is a list on the framework's parser: not a beacon's one id.
            if (fields.length === 1) count(request, fields[0]);
          }
          response.writeHead(204, noContent);
          response.end();
        });
        request.on('error', (error) => response.destroy(error));
        return true;
      }
      if ((request.method === 'GET' || request.method === 'HEAD') && url.startsWith('/views/')) {
        const match = PIXEL_PATH.exec(url);
        if (!match) return false;
        count(request, match[1]);
        response.writeHead(200, image);
        response.end(PIXEL);
        return true;
      }
      return false;
    },
    stop() {
      isStopped = true;
    },
  };
}
