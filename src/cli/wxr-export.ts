import fs from 'node:fs';
import type { AppContext } from '#src/app-context.ts';
import { loadWxrSource } from '#src/domain/portability/wxr-source.ts';
import { nowIso } from '#src/lib/clock.ts';
import { WXR_TAIL, wxrAttachment, wxrHead, wxrIds, wxrPost } from '#src/render/wxr-document.tsx';

/**
 * `qalam export --wxr FILE`: the portal as a WordPress eXtended RSS 1.2 file, for a portal moving
 * to WordPress. Written item by item (articles a batch at a time), so a large archive never sits in
 * memory whole; answers how many posts, pages and attachments it holds.
 */
export async function writeWxr(context: Pick<AppContext, 'database' | 'config'>, file: string): Promise<{ posts: number; pages: number; attachments: number }> {
  const source = await loadWxrSource(context);
  const baseUrl = context.config.baseUrl;
  const ids = wxrIds(source);
  const media = new Map(source.media.map((m) => [m.id, m]));
  const fd = fs.openSync(file, 'wx', 0o600);
  let posts = 0;
  try {
    fs.writeSync(fd, wxrHead(source, baseUrl, nowIso()));
    for (const item of source.media) fs.writeSync(fd, wxrAttachment(item, baseUrl));
    for (const page of source.pages) fs.writeSync(fd, wxrPost(page, { baseUrl, ids, media }));
    for await (const batch of source.articleBatches()) {
      for (const post of batch) fs.writeSync(fd, wxrPost(post, { baseUrl, ids, media }));
      posts += batch.length;
    }
    fs.writeSync(fd, WXR_TAIL);
  } finally {
    fs.closeSync(fd);
  }
  return { posts, pages: source.pages.length, attachments: source.media.length };
}
