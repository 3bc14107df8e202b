import { api } from './api-client.ts';
import type { MediaView } from './types.ts';

/** Images the editor has seen, by id: figures and the lead image look their files up here. */
const known = new Map<number, MediaView>();
const pending = new Map<number, Promise<MediaView | null>>();

const listeners = new Set<(item: MediaView) => void>();

/** Remembers images (from the page's data, the library or an upload), telling those who show them. */
export function rememberMedia(items: MediaView[]): void {
  for (const item of items) {
    known.set(item.id, item);
    for (const listener of listeners) listener(item);
  }
}

/** Calls `listener` with every image remembered from now on (its text edited in a dialog, say); answers the unsubscribe. */
export function watchMedia(listener: (item: MediaView) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The image with this id, from memory or the media API; null when it is gone. */
export function loadMedia(id: number): Promise<MediaView | null> {
  const hit = known.get(id);
  if (hit) return Promise.resolve(hit);
  let request = pending.get(id);
  if (!request) {
    request = api<MediaView>('GET', `/api/admin/media/${id}`)
      .then((media) => {
        known.set(id, media);
        return media;
      })
      .catch(() => null);
    pending.set(id, request);
  }
  return request;
}

/** The smallest stored rendition at least `width` pixels wide (the original when none is). */
export function mediaSrc(media: MediaView, width = 640): string {
  const variant = media.variants.find((v) => v.width >= width && v.format !== 'png') ?? media.variants.find((v) => v.width >= width);
  return variant?.url ?? media.url;
}

/** Width of the library's and the picker's thumbnails (CSS pixels). */
export const THUMBNAIL_WIDTH = 320;

/** The one thumbnail rule of the library and the picker: the smallest WebP (or JPEG) rendition at least THUMBNAIL_WIDTH wide. */
export function mediaThumbnail(media: MediaView): string {
  return mediaSrc(media, THUMBNAIL_WIDTH);
}
