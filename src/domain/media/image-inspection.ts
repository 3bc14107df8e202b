import sharp, { type Metadata } from 'sharp';
import { Invalid } from '#src/lib/errors.ts';

/** Largest upload accepted, in bytes (25 MB): bigger files are refused before any decoding. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

/**
 * Largest image accepted, in pixels (40 megapixels, all frames of an animation counted): a small
 * file declaring huge dimensions (a decompression bomb) is refused from its header, never decoded.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The image types the library accepts, named by their MIME type. */
export const ACCEPTED_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;
export type AcceptedMimeType = (typeof ACCEPTED_MIME_TYPES)[number];

/** What the bytes of an accepted image say about it (dimensions after EXIF auto-rotation). */
export type ImageFacts = {
  mimeType: AcceptedMimeType;
  /** Extension used for the stored original, without the dot. */
  extension: 'jpg' | 'png' | 'webp' | 'avif' | 'gif';
  width: number;
  height: number;
  isAnimated: boolean;
  hasAlpha: boolean;
  /** EXIF, XMP, IPTC or an orientation other than 1: the original must be re-encoded clean. */
  hasMetadata: boolean;
};

const UNSUPPORTED_MESSAGE = 'This file is not an image we accept. Upload a JPEG, PNG, WebP, AVIF or GIF picture.';

/** The container format by magic number; the file name and the browser's claimed type are never trusted. */
function sniffFormat(bytes: Buffer): AcceptedMimeType | 'svg' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  const head = bytes.subarray(0, 16).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  // ISO-BMFF: "ftyp" box at offset 4; AVIF declares the avif/avis brand (major or compatible).
  if (head.slice(4, 8) === 'ftyp') {
    const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
    const brands = bytes.subarray(8, boxSize).toString('latin1');
    if (/avi[fs]/.test(brands)) return 'image/avif';
    return null;
  }
  // SVG is XML text; it may begin with a BOM, whitespace, an XML declaration or comments.
  const text = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<') && text.includes('<svg'))) return 'svg';
  return null;
}

const EXTENSIONS: Record<AcceptedMimeType, ImageFacts['extension']> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
};

// What libvips must report for each sniffed type: the decoder has the last word.
const SHARP_FORMATS: Record<AcceptedMimeType, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'heif',
  'image/gif': 'gif',
};

/** Reads the type and size of an upload from its bytes; throws Invalid('file', …) for anything refused. */
export async function inspectImage(bytes: Buffer): Promise<ImageFacts> {
  if (bytes.length === 0) throw new Invalid('file', 'The file is empty.');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new Invalid('file', `The file is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Please upload a smaller image.`);
  }
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'svg') {
    throw new Invalid(
      'file',
      'SVG images are not accepted because they can carry scripts. Export the picture as PNG or JPEG and upload that.',
    );
  }
  if (!sniffed) throw new Invalid('file', UNSUPPORTED_MESSAGE);
  let metadata: Metadata;
  try {
    // metadata() reads headers only; nothing is decoded here.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new Invalid('file', 'The image could not be read: the file seems damaged or incomplete.');
  }
  if (metadata.format !== SHARP_FORMATS[sniffed] || (sniffed === 'image/avif' && metadata.compression !== 'av1')) {
    throw new Invalid('file', UNSUPPORTED_MESSAGE);
  }
  const pages = Math.max(1, metadata.pages ?? 1);
  const frameHeight = metadata.pageHeight ?? metadata.height;
  const width = metadata.autoOrient?.width ?? metadata.width;
  const height = metadata.autoOrient?.height ?? frameHeight;
  if (!width || !height) throw new Invalid('file', 'The image could not be read: it declares no size.');
  if (width * height * pages > MAX_IMAGE_PIXELS) {
    throw new Invalid(
      'file',
      `The image is too large: ${width}×${height} pixels${pages > 1 ? ` × ${pages} frames` : ''} is over the limit of ${MAX_IMAGE_PIXELS / 1_000_000} megapixels.`,
    );
  }
  return {
    mimeType: sniffed,
    extension: EXTENSIONS[sniffed],
    width,
    height: sniffed === 'image/gif' ? frameHeight : height,
    isAnimated: pages > 1,
    hasAlpha: metadata.hasAlpha,
    hasMetadata: Boolean(metadata.exif || metadata.xmp || metadata.iptc || (metadata.orientation ?? 1) !== 1),
  };
}
