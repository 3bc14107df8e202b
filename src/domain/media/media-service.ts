import { createHash } from 'node:crypto';
import type { AppContext } from '#src/app-context.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid, NotFound } from '#src/lib/errors.ts';
import { inspectImage } from './image-inspection.ts';
import { writeOriginal, writeVariants } from './image-variants.ts';
import {
  findMediaById,
  findMediaIdBySha256,
  findMediaUsage,
  insertMedia,
  updateMediaText,
  type MediaUsage,
  type MediaView,
} from './media-repository.ts';

/** Longest caption, credit and alt text accepted (characters). */
export const MEDIA_TEXT_LIMITS = { caption: 1000, credit: 300, altText: 500 } as const;

type MediaText = { caption?: string; credit?: string; altText?: string };

function cleanText(text: MediaText): MediaText {
  const cleaned: MediaText = {};
  for (const field of ['caption', 'credit', 'altText'] as const) {
    const value = text[field];
    if (value === undefined) continue;
    const trimmed = value.replace(/\s+/g, ' ').trim();
    if (trimmed.length > MEDIA_TEXT_LIMITS[field]) {
      throw new Invalid(field, `Please keep the ${field === 'altText' ? 'alt text' : field} under ${MEDIA_TEXT_LIMITS[field]} characters.`);
    }
    cleaned[field] = trimmed;
  }
  return cleaned;
}

function cleanName(name: string): string {
  // Only a label for searching: path parts and control characters are dropped.
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
}

/**
 * Adds an image to the library: checks its type from the bytes and its size, writes a clean
 * original and the srcset variants under the media folder, and records the rows. The same bytes
 * uploaded again answer the existing image (its text is left as it is).
 */
export async function ingestImage(
  context: AppContext,
  input: { bytes: Buffer; originalName: string; caption?: string; credit?: string; altText?: string; userId: number | null },
): Promise<MediaView> {
  const text = cleanText(input);
  const facts = await inspectImage(input.bytes);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const db = context.database.db;
  const existingId = await findMediaIdBySha256(db, sha256);
  if (existingId !== undefined) {
    const existing = await findMediaById(db, existingId);
    if (existing) return existing;
  }
  const mediaDir = context.config.mediaDir;
  let original: Awaited<ReturnType<typeof writeOriginal>>;
  let variants: Awaited<ReturnType<typeof writeVariants>>;
  try {
    [original, variants] = await Promise.all([
      writeOriginal(mediaDir, sha256, input.bytes, facts),
      writeVariants(mediaDir, sha256, input.bytes, facts),
    ]);
  } catch (error) {
    // The header looked fine but the pixels could not be decoded (truncated or corrupt data).
    context.logger.warn({ err: error }, 'image processing failed');
    throw new Invalid('file', 'The image could not be processed: the file seems damaged or incomplete.');
  }
  const id = await insertMedia(
    db,
    {
      fileKey: original.fileKey,
      mimeType: facts.mimeType,
      width: facts.width,
      height: facts.height,
      byteSize: original.byteSize,
      sha256,
      originalName: cleanName(input.originalName),
      caption: text.caption ?? '',
      credit: text.credit ?? '',
      altText: text.altText ?? '',
      createdBy: input.userId,
      createdAt: nowIso(),
    },
    variants,
  );
  const view = await findMediaById(db, id);
  if (!view) throw new NotFound('The image');
  return view;
}

/** Changes an image's library caption, credit and/or alt text; emits media.updated. */
export async function updateMediaDetails(context: AppContext, id: number, text: MediaText): Promise<MediaView> {
  const cleaned = cleanText(text);
  const db = context.database.db;
  if (!(await db.transaction().execute((tx) => updateMediaText(tx, id, cleaned)))) throw new NotFound('The image');
  context.events.emit('media.updated', { mediaId: id });
  const view = await findMediaById(db, id);
  if (!view) throw new NotFound('The image');
  return view;
}

/** One image with the articles that use it. */
export async function getMediaWithUsage(context: AppContext, id: number): Promise<MediaView & { usage: MediaUsage[]; usageTotal: number }> {
  const db = context.database.db;
  const view = await findMediaById(db, id);
  if (!view) throw new NotFound('The image');
  const usage = await findMediaUsage(db, id);
  return { ...view, usage: usage.items, usageTotal: usage.total };
}
