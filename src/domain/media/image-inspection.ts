import type { Metadata } from 'sharp';
import { loadSharp } from './load-sharp.ts';
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

/** The refusal of a file over MAX_IMAGE_BYTES, naming the limit. */
export function tooLargeMessage(): string {
  return `The file is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Please upload a smaller image.`;
}

/** What the bytes of an accepted image say about it (dimensions after EXIF auto-rotation). */
export type ImageFacts = {
  mimeType: AcceptedMimeType;
  /** Extension used for the stored original, without the dot. */
  extension: 'jpg' | 'png' | 'webp' | 'avif' | 'gif';
  width: number;
  height: number;
  isAnimated: boolean;
  hasAlpha: boolean;
  /** EXIF, XMP, IPTC, text comments or an orientation other than 1: the original must be re-encoded clean. */
  hasMetadata: boolean;
};

const UNSUPPORTED_MESSAGE = 'This file is not an image we accept. Upload a JPEG, PNG, WebP, AVIF or GIF picture.';
const SVG_MESSAGE = 'SVG images are not accepted because they can carry scripts. Export the picture as PNG or JPEG and upload that.';
const DAMAGED_MESSAGE = 'The image could not be read: the file seems damaged or incomplete.';

/** Where an image comes from: its bytes, or the path of a file holding them. */
export type ImageSource = Buffer | string;

const EXTENSIONS: Record<AcceptedMimeType, ImageFacts['extension']> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
};

// libvips identifies the container from its content (the file name and the browser's claimed
// type are never trusted); AVIF is the HEIF container with AV1 inside.
function acceptedType(metadata: Metadata): AcceptedMimeType | null {
  switch (metadata.format) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'gif':
      return 'image/gif';
    case 'heif':
      return metadata.compression === 'av1' ? 'image/avif' : null;
    default:
      return null;
  }
}

/**
 * libvips' header reading. A loader that recognised the content but failed on it names itself in
 * the error ("svgload_buffer: bad dimensions"): an SVG is refused as SVG even when libvips cannot
 * size it, and content no loader recognises is "not an image" rather than "damaged".
 */
async function readHeader(source: ImageSource): Promise<Metadata> {
  try {
    // metadata() reads headers only; nothing is decoded here.
    const sharp = await loadSharp();
    return await sharp(source, { limitInputPixels: false }).metadata();
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/\bsvgload/.test(message)) throw new Invalid('file', SVG_MESSAGE);
    if (/unsupported image format/i.test(message)) throw new Invalid('file', UNSUPPORTED_MESSAGE);
    throw new Invalid('file', DAMAGED_MESSAGE);
  }
}

/**
 * Refuses an upload from its first bytes, before the rest is stored: SVG and types outside the
 * list. Answers quietly when the head alone is not enough to tell (the whole file decides later).
 */
export async function refuseByHead(head: Buffer): Promise<void> {
  if (head.length === 0) return;
  let metadata: Metadata;
  try {
    metadata = await readHeader(head);
  } catch (error) {
    if (error instanceof Invalid && error.message !== DAMAGED_MESSAGE) throw error;
    return;
  }
  if (metadata.format === 'svg') throw new Invalid('file', SVG_MESSAGE);
  if (!acceptedType(metadata)) throw new Invalid('file', UNSUPPORTED_MESSAGE);
}

/** Reads the type and size of an upload (`byteSize` bytes long); throws Invalid('file', …) for anything refused. */
export async function inspectImage(source: ImageSource, byteSize = typeof source === 'string' ? undefined : source.length): Promise<ImageFacts> {
  if (byteSize === 0) throw new Invalid('file', 'The file is empty.');
  if (byteSize !== undefined && byteSize > MAX_IMAGE_BYTES) throw new Invalid('file', tooLargeMessage());
  const metadata = await readHeader(source);
  if (metadata.format === 'svg') throw new Invalid('file', SVG_MESSAGE);
  const mimeType = acceptedType(metadata);
  if (!mimeType) throw new Invalid('file', UNSUPPORTED_MESSAGE);
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
    mimeType,
    extension: EXTENSIONS[mimeType],
    width,
    height: mimeType === 'image/gif' ? frameHeight : height,
    isAnimated: pages > 1,
    hasAlpha: metadata.hasAlpha,
    hasMetadata: Boolean(metadata.exif || metadata.xmp || metadata.iptc || metadata.comments?.length || (metadata.orientation ?? 1) !== 1),
  };
}
