import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { AppContext } from '#src/app-context.ts';
import { findMediaById } from '#src/domain/media/media-repository.ts';
import { ingestImage } from '#src/domain/media/media-service.ts';
import { DomainError } from '#src/lib/errors.ts';
import { safeFetch } from '#src/lib/safe-fetch.ts';
import { SafeFetchError } from '#src/lib/safe-fetch-errors.ts';
import { findImported, rememberImported, type ImportOrigin } from './import-records.ts';
import { addLine, type ImportReport } from './import-report.ts';

/**
 * Images of the old site brought into the media library: fetched from the addresses in the export
 * through the rights desk's safe fetcher (timeouts, a size cap, no private address unless the
 * operator allowed its host in OUTBOUND_ALLOW_HOSTS), or read from a copy of the old uploads folder.
 * Either way they go through ingestImage, as an upload does: the type sniffed from the bytes, the
 * metadata stripped, the variants made. An image is remembered by its address, so a second run
 * fetches nothing it already has; one that fails is named in the report and its article keeps its text.
 */

export type MediaOptions = {
  /** Fetch images over the network (off: only --media-dir, or no images at all). */
  fetch: boolean;
  /** A copy of the old site's uploads folder (wp-content/uploads, Ghost's content/images): read before fetching. */
  mediaDir?: string;
  /**
   * Fetch from here instead of each image's own origin (scheme, host and port replaced, path kept):
   * for an old site that moved, or a mirror of its files; the tests point it at a loopback server.
   */
  mediaBaseUrl?: string;
  /** Hosts the fetcher may reach although they are inside the network (config.outboundAllowHosts). */
  allowHosts?: readonly string[];
  /** Largest image fetched, in bytes. */
  maxBytes?: number;
  /** Milliseconds for one image's fetch. */
  timeoutMs?: number;
};

/** Image types WordPress and Ghost store that the media library takes; other attachments (audio, PDF) are not images. */
const IMAGE_EXTENSION = /\.(jpe?g|png|gif|webp|avif)$/i;

/** Whether an address names an image by its extension (what is fetched is sniffed again by ingestImage). */
export function looksLikeImage(address: string): boolean {
  try {
    return IMAGE_EXTENSION.test(new URL(address).pathname);
  } catch {
    return false;
  }
}

/** The key an image is remembered by: its address without query or fragment. */
function imageKey(address: string): string {
  const url = new URL(address);
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** Where an address's file sits in a copy of the uploads folder: the part after /uploads/ (or /images/), else the whole path. */
async function fileInMediaDir(mediaDir: string, address: string): Promise<string | null> {
  const path = decodeURIComponent(new URL(address).pathname);
  const marker = ['/wp-content/uploads/', '/content/images/'].find((m) => path.includes(m));
  const relative = marker ? path.slice(path.indexOf(marker) + marker.length) : path.replace(/^\/+/, '');
  const root = await realpath(mediaDir);
  const candidate = join(root, relative);
  // Never outside the folder given ("../" in an address from the export).
  if (!candidate.startsWith(root + sep)) return null;
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep) || !(await stat(real)).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/** Text the library keeps with an imported image. */
export type ImageText = { caption?: string; alt?: string; title?: string };

export function createMediaImporter(context: AppContext, origin: ImportOrigin, report: ImportReport, options: MediaOptions | null, dryRun: boolean) {
  const db = context.database.db;
  const known = new Map<string, { mediaId: number; alt: string } | null>();
  const isOn = options !== null && (options.fetch || options.mediaDir !== undefined);

  async function bytesOf(address: string): Promise<Buffer> {
    if (options?.mediaDir) {
      const file = await fileInMediaDir(options.mediaDir, address);
      if (file) return readFile(file);
      if (!options.fetch) throw new Error(`not found in ${options.mediaDir}`);
    }
    let target = address;
    if (options?.mediaBaseUrl) {
      const url = new URL(address);
      const base = new URL(options.mediaBaseUrl);
      url.protocol = base.protocol;
      url.host = base.host;
      target = url.toString();
    }
    const response = await safeFetch(target, {
      allowHosts: options?.allowHosts ?? [],
      maxBytes: options?.maxBytes ?? 25 * 1024 * 1024,
      timeoutMs: options?.timeoutMs ?? 30_000,
      userAgent: 'Qalam importer',
    });
    return response.body;
  }

  return {
    /** Whether images are brought in at all in this run. */
    isOn,

    /** The library image an address became in this run or an earlier one, without fetching. */
    known(address: string): { mediaId: number; alt: string } | null {
      try {
        return known.get(imageKey(address)) ?? null;
      } catch {
        return null;
      }
    },

    /**
     * Brings the image at `address` into the library (once per run and across runs); answers its id and
     * alt text, or null when it could not be had (the report then names it and the post, `label`).
     */
    async ensure(address: string, text: ImageText, label: string): Promise<{ mediaId: number; alt: string } | null> {
      let key: string;
      try {
        key = imageKey(address);
      } catch {
        addLine(report, label, `the image address "${address.slice(0, 200)}" is not a URL`);
        return null;
      }
      if (known.has(key)) return known.get(key)!;
      const remembered = await findImported(db, origin, 'media', key);
      const existing = remembered !== undefined ? await findMediaById(db, remembered) : undefined;
      if (existing) {
        const found = { mediaId: existing.id, alt: existing.altText };
        known.set(key, found);
        report.counts.media.unchanged++;
        return found;
      }
      if (!isOn || dryRun) {
        known.set(key, null);
        if (dryRun && isOn) report.counts.media.created++;
        return null;
      }
      try {
        const bytes = await bytesOf(address);
        const view = await ingestImage(context, {
          bytes,
          originalName: basename(new URL(key).pathname) || 'image',
          caption: (text.caption ?? '').slice(0, 1000),
          altText: (text.alt || text.title || '').slice(0, 500),
          userId: null,
        });
        await rememberImported(db, origin, 'media', key, view.id);
        const found = { mediaId: view.id, alt: view.altText };
        known.set(key, found);
        report.counts.media.created++;
        return found;
      } catch (error) {
        // One image that cannot be had (refused, too large, not an image, gone) never stops the import.
        known.set(key, null);
        report.counts.media.skipped++;
        const reason = error instanceof SafeFetchError || error instanceof DomainError ? error.message : String((error as Error).message ?? error);
        addLine(report, label, `the image ${address} could not be imported: ${reason}`);
        return null;
      }
    },
  };
}

/** The media side of one import run. */
export type MediaImporter = ReturnType<typeof createMediaImporter>;
