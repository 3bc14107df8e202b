import fs from 'node:fs/promises';
import type { Sharp } from 'sharp';
import { stripGifMetadata } from './gif-metadata.ts';
import { MAX_IMAGE_PIXELS, type ImageFacts, type ImageSource } from './image-inspection.ts';
import { loadSharp } from './load-sharp.ts';
import { contentTypeOfKey, MediaStoreError, type MediaStore } from './stores/media-store.ts';

/** Widths (CSS pixels) of the srcset candidates; an image is never enlarged past its own width. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
const MAX_VARIANT_WIDTH = 1920;

/** One file written for an image, by its key in the media store. */
export type WrittenFile = { width: number; height: number; format: 'webp' | 'jpeg' | 'png'; fileKey: string; byteSize: number };

/** The widths to produce for an image `width` pixels wide: the standard ones below it plus its own (capped). */
export function variantWidthsFor(width: number): number[] {
  const widths = VARIANT_WIDTHS.filter((w) => w < width) as number[];
  const largest = Math.min(width, MAX_VARIANT_WIDTH);
  if (!widths.includes(largest)) widths.push(largest);
  return widths;
}

/** The folder of one image's files, named by its content hash so a URL never changes meaning. */
export function mediaFolderKey(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(0, 32)}`;
}

async function pipeline(source: ImageSource): Promise<Sharp> {
  const sharp = await loadSharp();
  // Only the first frame of an animation is read: variants are stills. autoOrient applies EXIF
  // rotation; sharp writes no metadata (EXIF with GPS, XMP, IPTC) unless asked with keepMetadata.
  return sharp(source, { limitInputPixels: MAX_IMAGE_PIXELS, animated: false }).autoOrient();
}

/** Writes `data` (bytes, or a copy of the file at that path) to the media store under `fileKey`; answers its size. */
async function writeFile(store: MediaStore, fileKey: string, data: ImageSource): Promise<number> {
  try {
    return await store.put(fileKey, typeof data === 'string' ? { path: data } : data, contentTypeOfKey(fileKey));
  } catch (error) {
    throw new MediaStoreError(store.description, error);
  }
}

/** A GIF without its comments and metadata blocks; one libvips cannot walk is re-encoded, keeping its frames. */
async function cleanGif(source: ImageSource): Promise<Buffer> {
  const bytes = typeof source === 'string' ? await fs.readFile(source) : source;
  try {
    return stripGifMetadata(bytes);
  } catch {
    const sharp = await loadSharp();
    return sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, animated: true }).gif().toBuffer();
  }
}

/**
 * Writes the served original without metadata: a GIF with its comment and metadata blocks dropped
 * (frames untouched, see gif-metadata.ts); another format as uploaded when it carries no metadata
 * and needs no rotation, otherwise a clean full-size re-encode. Answers its file key and size.
 */
export async function writeOriginal(
  store: MediaStore,
  sha256: string,
  source: ImageSource,
  facts: ImageFacts,
): Promise<{ fileKey: string; byteSize: number }> {
  const fileKey = `${mediaFolderKey(sha256)}/original.${facts.extension}`;
  let data: ImageSource = source;
  if (facts.mimeType === 'image/gif') data = await cleanGif(source);
  else if (facts.hasMetadata) {
    const image = await pipeline(source);
    if (facts.mimeType === 'image/jpeg') data = await image.jpeg({ quality: 92, mozjpeg: true }).toBuffer();
    else if (facts.mimeType === 'image/png') data = await image.png().toBuffer();
    else if (facts.mimeType === 'image/webp') data = await image.webp({ quality: 92 }).toBuffer();
    else data = await image.avif({ quality: 70, effort: 2 }).toBuffer();
  }
  return { fileKey, byteSize: await writeFile(store, fileKey, data) };
}

/** Writes the srcset variants of an image: WebP plus a JPEG fallback (PNG when it has transparency). */
export async function writeVariants(store: MediaStore, sha256: string, source: ImageSource, facts: ImageFacts): Promise<WrittenFile[]> {
  const sharp = await loadSharp();
  const folder = mediaFolderKey(sha256);
  const widths = variantWidthsFor(facts.width);
  // Decode once, already shrunk to the largest variant (JPEG shrink-on-load makes that cheap), and
  // derive every width from those 8-bit sRGB pixels: one decode instead of one per file.
  const { data: pixels, info: decoded } = await (await pipeline(source))
    .resize({ width: widths[widths.length - 1], withoutEnlargement: true })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { width: decoded.width, height: decoded.height, channels: decoded.channels };
  // An alpha channel alone (every GIF has one) does not need PNG: only pixels that are see-through do.
  const isTransparent = facts.hasAlpha && !(await sharp(pixels, { raw }).stats()).isOpaque;
  const fallback: 'jpeg' | 'png' = isTransparent ? 'png' : 'jpeg';
  const jobs = widths.flatMap((width) =>
    (['webp', fallback] as const).map(async (format): Promise<WrittenFile> => {
      const resized = sharp(pixels, { raw }).resize({ width, withoutEnlargement: true });
      const encoded =
        format === 'webp'
          ? resized.webp({ quality: 80, effort: 2 })
          : format === 'png'
            ? resized.png({ compressionLevel: 8, palette: facts.mimeType === 'image/gif' })
            : resized.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true });
      const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
      const extension = format === 'jpeg' ? 'jpg' : format;
      const fileKey = `${folder}/w${width}.${extension}`;
      return { width: info.width, height: info.height, format, fileKey, byteSize: await writeFile(store, fileKey, data) };
    }),
  );
  const written = await Promise.all(jobs);
  return written.sort((a, b) => a.width - b.width || a.format.localeCompare(b.format));
}
