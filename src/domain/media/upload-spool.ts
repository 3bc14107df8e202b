import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Invalid } from '#src/lib/errors.ts';
import { MAX_IMAGE_BYTES, refuseByHead, tooLargeMessage } from './image-inspection.ts';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '#src/lib/private-files.ts';

/** How much of an upload is looked at before the rest is stored (bytes): every accepted type's header fits. */
const HEAD_BYTES = 64 * 1024;

/** Where uploads are spooled: `tmp/` in the data folder (the same disk as the media, so nothing crosses devices). */
export function uploadSpoolDir(dataDir: string): string {
  return path.join(dataDir, 'tmp');
}

/** An upload written to a private temporary file; `remove()` deletes it (call it in a finally). */
export type SpooledUpload = { path: string; byteSize: number; remove: () => Promise<void> };

/**
 * Streams an uploaded file to a new file under `tmpDir` (created 0700, the file 0600), so an
 * upload never sits whole in memory: its first bytes are checked before the rest is written
 * (SVG and types outside the list are refused there), and more than MAX_IMAGE_BYTES is refused.
 * `isTruncated` tells whether the multipart parser cut the file at its own size limit.
 */
export async function spoolUpload(stream: Readable, tmpDir: string, isTruncated: () => boolean = () => false): Promise<SpooledUpload> {
  await fs.mkdir(tmpDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const file = path.join(tmpDir, `upload-${randomUUID()}`);
  const remove = () => fs.rm(file, { force: true });
  const handle = await fs.open(file, 'wx', PRIVATE_FILE_MODE);
  let byteSize = 0;
  let head: Buffer[] | null = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      byteSize += chunk.length;
      if (byteSize > MAX_IMAGE_BYTES) throw new Invalid('file', tooLargeMessage());
      if (head) {
        head.push(chunk);
        if (byteSize >= HEAD_BYTES) {
          await refuseByHead(Buffer.concat(head));
          head = null;
        }
      }
      await handle.write(chunk);
    }
    if (isTruncated()) throw new Invalid('file', tooLargeMessage());
    if (head) await refuseByHead(Buffer.concat(head));
    await handle.close();
    return { path: file, byteSize, remove };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await remove();
    // Let the parser move past the rest of this part; the error answers the request.
    stream.resume();
    throw error;
  }
}

/** Age after which a spooled upload can only be a crash's leftover: no request lives this long (REQUEST_TIMEOUT_SECONDS). */
export const STALE_UPLOAD_MS = 60 * 60 * 1000;

/**
 * Removes uploads a crashed process left in `tmpDir` (older than `olderThanMs`, so a neighbour
 * process's upload in progress is never touched). Answers how many it removed.
 */
export async function sweepStaleUploads(tmpDir: string, olderThanMs = STALE_UPLOAD_MS, now = Date.now()): Promise<number> {
  const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.startsWith('upload-'))) {
    const file = path.join(tmpDir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > olderThanMs) {
      await fs.rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
