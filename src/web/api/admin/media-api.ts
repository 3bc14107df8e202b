import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { MAX_IMAGE_BYTES } from '#src/domain/media/image-inspection.ts';
import { searchMedia } from '#src/domain/media/media-repository.ts';
import { getMediaWithUsage, ingestImage, MEDIA_TEXT_LIMITS, updateMediaDetails } from '#src/domain/media/media-service.ts';
import { recordAudit } from '#src/domain/audit/audit-log.ts';
import { Invalid } from '#src/lib/errors.ts';
import { requireRole } from '#src/web/middleware/require-role.ts';

/** An image of the library as the API answers it. */
const mediaViewSchema = z.object({
  id: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  mimeType: z.string(),
  url: z.string(),
  caption: z.string(),
  credit: z.string(),
  altText: z.string(),
  variants: z.array(
    z.object({ width: z.number().int(), height: z.number().int(), format: z.enum(['webp', 'jpeg', 'png']), url: z.string() }),
  ),
});

const mediaWithUsageSchema = mediaViewSchema.extend({
  /** Articles that lead with the image or place it in their body. */
  /** The most recently updated articles using it (at most 50). */
  usage: z.array(z.object({ articleId: z.number().int(), title: z.string(), status: z.string() })),
  /** How many articles use it in all. */
  usageTotal: z.number().int(),
});

const idParamsSchema = z.object({ id: z.coerce.number().int().positive() });

const listQuerySchema = z.object({
  /** Text to find in the caption, credit, alt text or file name. */
  q: z.string().max(200).optional(),
  /** 1-based page of 24 images. */
  page: z.coerce.number().int().min(1).max(100000).default(1),
});

const patchBodySchema = z.object({
  caption: z.string().max(MEDIA_TEXT_LIMITS.caption).optional(),
  credit: z.string().max(MEDIA_TEXT_LIMITS.credit).optional(),
  altText: z.string().max(MEDIA_TEXT_LIMITS.altText).optional(),
});

type Upload = { bytes: Buffer; originalName: string; caption?: string; credit?: string; altText?: string };

/** Reads the multipart form: one `file` part and the optional text fields, whatever their order. */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new Invalid('file', 'Send the image as multipart/form-data in a field named "file".');
  const upload: Partial<Upload> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || upload.bytes) {
        await part.toBuffer().catch(() => undefined);
        throw new Invalid('file', 'Send exactly one image, in the field named "file".');
      }
      try {
        upload.bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new Invalid('file', `The file is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB. Please upload a smaller image.`);
        }
        throw error;
      }
      upload.originalName = part.filename ?? '';
    } else if (part.fieldname === 'caption' || part.fieldname === 'credit' || part.fieldname === 'altText') {
      upload[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!upload.bytes) throw new Invalid('file', 'Choose an image to upload.');
  return upload as Upload;
}

/** The media library API under /api/admin/media: upload, list and search, details with usage, edit text. */
export async function registerMediaApi(app: FastifyInstance, context: AppContext): Promise<void> {
  await app.register(async (scope) => {
    // Multipart parsing exists only inside this scope: no other route accepts uploads.
    await scope.register(multipart, {
      limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      '/api/admin/media',
      {
        schema: {
          tags: ['media'],
          summary: 'Upload an image (multipart: file, caption?, credit?, altText?)',
          response: { 201: mediaViewSchema },
        },
      },
      async (request, reply) => {
        const actor = requireRole(request, 'contributor');
        const upload = await readUpload(request);
        const view = await ingestImage(context, { ...upload, userId: actor.id });
        await recordAudit(context.database.db, {
          userId: actor.id,
          action: 'media.uploaded',
          subjectType: 'media',
          subjectId: view.id,
          details: { name: upload.originalName, mimeType: view.mimeType, width: view.width, height: view.height },
        });
        return reply.code(201).send(view);
      },
    );

    api.get(
      '/api/admin/media',
      {
        schema: {
          tags: ['media'],
          summary: 'List and search the media library, newest first',
          querystring: listQuerySchema,
          response: { 200: z.object({ items: z.array(mediaViewSchema), total: z.number().int() }) },
        },
      },
      async (request) => {
        requireRole(request, 'contributor');
        return searchMedia(context.database.db, request.query);
      },
    );

    api.get(
      '/api/admin/media/:id',
      {
        schema: {
          tags: ['media'],
          summary: 'One image with the articles that use it',
          params: idParamsSchema,
          response: { 200: mediaWithUsageSchema },
        },
      },
      async (request) => {
        requireRole(request, 'contributor');
        return getMediaWithUsage(context, request.params.id);
      },
    );

    api.patch(
      '/api/admin/media/:id',
      {
        schema: {
          tags: ['media'],
          summary: "Edit an image's library caption, credit and alt text",
          params: idParamsSchema,
          body: patchBodySchema,
          response: { 200: mediaViewSchema },
        },
      },
      async (request) => {
        const actor = requireRole(request, 'contributor');
        const view = await updateMediaDetails(context, request.params.id, request.body);
        await recordAudit(context.database.db, {
          userId: actor.id,
          action: 'media.updated',
          subjectType: 'media',
          subjectId: view.id,
          details: { fields: Object.keys(request.body).filter((k) => request.body[k as keyof typeof request.body] !== undefined) },
        });
        return view;
      },
    );
  });
}
