import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AppContext } from '#src/app-context.ts';
import { recordActorAudit, recordAudit } from '#src/domain/audit/audit-log.ts';
import { can as canArticle, isOwnArticle } from '#src/domain/articles/article-policy.ts';
import type { Actor } from '#src/domain/people/actor.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '#src/lib/errors.ts';
import { inspectImage, type ImageSource } from './image-inspection.ts';
import { writeOriginal, writeVariants } from './image-variants.ts';
import { mediaStoreOf } from './stores/media-store-of.ts';
import { MediaStoreError } from './stores/media-store.ts';
import { can, type MediaAction, type MediaOwnership } from './media-policy.ts';
import {
  findMediaById,
  findMediaIdBySha256,
  findMediaUploader,
  findMediaUsers,
  insertMedia,
  searchMedia,
  updateMediaText,
  USAGE_LIST_LIMIT,
  type MediaUsage,
  type MediaView,
} from './media-repository.ts';
import { mediaTextSchema, type MediaText } from './media-schema.ts';

export { MEDIA_TEXT_LIMITS } from './media-schema.ts';

/** An image to add: its bytes, or a file holding them (an upload spooled to disk), and its text. */
export type ImageInput = ({ bytes: Buffer } | { path: string; byteSize: number }) & {
  originalName: string;
  caption?: string;
  credit?: string;
  altText?: string;
};

/** Throws unless the policy allows `action`: 401 for anonymous, 403 for a signed-in user. */
function assertCan(actor: Actor, action: MediaAction, media?: MediaOwnership): void {
  if (can(actor, action, media)) return;
  if (actor.kind === 'anonymous') throw new Unauthenticated();
  if (action !== 'edit-text' || !media) throw new Forbidden('You may not use the media library.');
  if (actor.kind === 'user' && media.createdBy === actor.id) {
    throw new Forbidden(
      "You may not change this image's caption, credit or alt text: another person's published article uses it. Ask an editor to change it.",
    );
  }
  throw new Forbidden("You may not change this image's caption, credit or alt text: someone else uploaded it. Ask an editor to change it.");
}

function cleanName(name: string): string {
  // Only a label for searching: path parts and control characters are dropped.
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255);
}

/** The text fields of an upload, cleaned by the same schema as an edit; Invalid names the field at fault. */
function parseText(input: MediaText): MediaText {
  const parsed = mediaTextSchema.safeParse({ caption: input.caption, credit: input.credit, altText: input.altText });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Invalid(String(issue.path[0] ?? 'file'), issue.message);
}

async function sha256Of(source: ImageSource): Promise<string> {
  const hash = createHash('sha256');
  if (typeof source !== 'string') return hash.update(source).digest('hex');
  for await (const chunk of createReadStream(source)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * What an upload did: added a new image, or found the same bytes already in the library. Then the
 * library item is answered as it is (its text untouched: it may be printed in published articles)
 * with the text the uploader sent, so the newsroom can offer to use the image or update its text.
 */
export type UploadOutcome = { media: MediaView; alreadyInLibrary: false } | { media: MediaView; alreadyInLibrary: true; submitted: Required<MediaText> };

/** Adds an image uploaded by `actor` to the library (see addImage). */
export async function uploadImage(context: AppContext, actor: Actor, input: ImageInput): Promise<UploadOutcome> {
  assertCan(actor, 'upload');
  return addImage(context, { ...input, userId: actor.kind === 'user' ? actor.id : null });
}

/** Adds an image without asking a policy (seeding, fixtures); the same bytes again answer the existing image. */
export async function ingestImage(context: AppContext, input: ImageInput & { userId: number | null }): Promise<MediaView> {
  return (await addImage(context, input)).media;
}

/**
 * Adds an image to the library without asking a policy (seeding, fixtures; uploads go through
 * uploadImage): checks its type from its content and its size, writes a clean original and the
 * srcset variants to the media store (MEDIA_STORE), and records the rows and the audit entry in one
 * transaction. The same bytes (by SHA-256) already in the library add nothing and record nothing.
 */
async function addImage(context: AppContext, input: ImageInput & { userId: number | null }): Promise<UploadOutcome> {
  const text = parseText(input);
  const source: ImageSource = 'bytes' in input ? input.bytes : input.path;
  const facts = await inspectImage(source, 'bytes' in input ? input.bytes.length : input.byteSize);
  const sha256 = await sha256Of(source);
  const db = context.database.db;
  const originalName = cleanName(input.originalName);
  const audit = (id: number) => ({
    userId: input.userId,
    action: 'media.uploaded' as const,
    subjectType: 'media',
    subjectId: id,
    details: { name: originalName, mimeType: facts.mimeType, width: facts.width, height: facts.height },
  });
  const existingId = await findMediaIdBySha256(db, sha256);
  const existing = existingId === undefined ? undefined : await findMediaById(db, existingId);
  if (existing) {
    const submitted = { caption: text.caption ?? '', credit: text.credit ?? '', altText: text.altText ?? '' };
    return { media: existing, alreadyInLibrary: true, submitted };
  }
  const store = mediaStoreOf(context.config);
  let original: Awaited<ReturnType<typeof writeOriginal>>;
  let variants: Awaited<ReturnType<typeof writeVariants>>;
  try {
    [original, variants] = await Promise.all([writeOriginal(store, sha256, source, facts), writeVariants(store, sha256, source, facts)]);
  } catch (error) {
    if (error instanceof MediaStoreError) throw error;
    // The header looked fine but the pixels could not be decoded (truncated or corrupt data).
    context.logger.warn({ err: error }, 'image processing failed');
    throw new Invalid('file', 'The image could not be processed: the file seems damaged or incomplete.');
  }
  const id = await db.transaction().execute(async (tx) => {
    const inserted = await insertMedia(
      tx,
      {
        fileKey: original.fileKey,
        mimeType: facts.mimeType,
        width: facts.width,
        height: facts.height,
        byteSize: original.byteSize,
        sha256,
        originalName,
        caption: text.caption ?? '',
        credit: text.credit ?? '',
        altText: text.altText ?? '',
        createdBy: input.userId,
        createdAt: nowIso(),
      },
      variants,
    );
    await recordAudit(tx, audit(inserted));
    return inserted;
  });
  const view = await findMediaById(db, id);
  if (!view) throw new NotFound('The image');
  return { media: view, alreadyInLibrary: false };
}

/** One page of the library, newest first, optionally filtered by a text (see searchMedia). */
export async function listMedia(context: AppContext, actor: Actor, query: { q?: string; page?: number }): Promise<{ items: MediaView[]; total: number }> {
  assertCan(actor, 'list');
  return searchMedia(context.database.db, query);
}

/**
 * Changes an image's library caption, credit and/or alt text (already cleaned by mediaTextSchema),
 * if the policy lets `actor` (see media-policy.ts); records the audit entry in the same
 * transaction with media.updated, announced after commit.
 */
export async function updateMediaDetails(context: AppContext, actor: Actor, id: number, text: MediaText): Promise<MediaView> {
  const db = context.database.db;
  const uploader = await findMediaUploader(db, id);
  if (!uploader) throw new NotFound('The image');
  const livePlaces = await findMediaUsers(db, id, { publishedOnly: true });
  assertCan(actor, 'edit-text', { createdBy: uploader.createdBy, isInOthersPublishedArticle: livePlaces.some((a) => !isOwnArticle(actor, a)) });
  const fields = (['caption', 'credit', 'altText'] as const).filter((field) => text[field] !== undefined);
  const updated = await db.transaction().execute(async (tx) => {
    if (!(await updateMediaText(tx, id, text))) return undefined;
    await recordActorAudit(tx, actor, { action: 'media.updated', subjectType: 'media', subjectId: id, details: { fields } });
    // Recorded with the change: its CDN purge commits with it (the outbox, ADR 0052).
    return context.events.record(tx, 'media.updated', { mediaId: id });
  });
  if (!updated) throw new NotFound('The image');
  context.events.announce([updated]);
  const view = await findMediaById(db, id);
  if (!view) throw new NotFound('The image');
  return view;
}

/**
 * One image with the articles that use it which `actor` may read (the article policy's read rule:
 * a contributor sees own articles and published ones, never another person's draft): the
 * USAGE_LIST_LIMIT most recently updated, and how many in all.
 */
export async function getMediaWithUsage(
  context: AppContext,
  actor: Actor,
  id: number,
): Promise<MediaView & { usage: MediaUsage[]; usageTotal: number }> {
  assertCan(actor, 'read');
  const db = context.database.db;
  const view = await findMediaById(db, id);
  if (!view) throw new NotFound('The image');
  const readable = (await findMediaUsers(db, id)).filter((article) => canArticle(actor, 'read', article));
  return {
    ...view,
    usage: readable.slice(0, USAGE_LIST_LIMIT).map(({ articleId, title, status }) => ({ articleId, title, status })),
    usageTotal: readable.length,
  };
}
