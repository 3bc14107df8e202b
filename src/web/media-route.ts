import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { mediaStoreOf } from '#src/domain/media/stores/media-store-of.ts';
import { isMediaKey } from '#src/domain/media/stores/media-store.ts';

/**
 * What a media file is sent with: the same as @fastify/static sends the media folder's files
 * (static-files.ts) with `immutable` and a year's max-age, since a key is content-addressed and
 * never changes meaning (ADR 0008).
 */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** How long a browser or CDN may keep a redirect to the public media origin (it changes only with the configuration). */
const REDIRECT_CACHE_CONTROL = 'public, max-age=86400';

/** A weak validator from size and modification time, the form @fastify/static's `send` uses. */
function weakEtag(size: number, modifiedAt: Date): string {
  return `W/"${size.toString(16)}-${modifiedAt.getTime().toString(16)}"`;
}

/**
 * /media/KEY when the media folder is not what answers it: a redirect to MEDIA_PUBLIC_URL/KEY
 * where one is configured, otherwise the file streamed from the media store (S3-compatible
 * storage) through the app, with the headers the media folder's files get and a 304 to a
 * matching If-None-Match.
 */
export async function registerMediaRoute(app: FastifyInstance, context: AppContext): Promise<void> {
  const publicUrl = context.config.mediaPublicUrl;
  const store = mediaStoreOf(context.config);
  app.get('/media/*', async (request, reply) => {
    const key = (request.params as { '*': string })['*'];
    if (!isMediaKey(key)) return reply.callNotFound();
    if (publicUrl) return reply.header('cache-control', REDIRECT_CACHE_CONTROL).redirect(`${publicUrl}/${key}`, 302);
    const file = await store.get(key);
    if (!file) return reply.callNotFound();
    const etag = weakEtag(file.size, file.modifiedAt);
    reply.header('cache-control', MEDIA_CACHE_CONTROL).header('last-modified', file.modifiedAt.toUTCString()).header('etag', etag);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
      file.body.destroy();
      return reply.code(304).send();
    }
    return reply.header('content-type', file.contentType).header('content-length', String(file.size)).send(file.body);
  });
}
