import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { MAX_IMAGE_BYTES, tooLargeMessage } from '#src/domain/media/image-inspection.ts';
import { mediaListQuerySchema, mediaTextSchema, type MediaText } from '#src/domain/media/media-schema.ts';
import { getMediaWithUsage, listMedia, updateMediaDetails, uploadImage } from '#src/domain/media/media-service.ts';
import { spoolUpload, uploadSpoolDir, type SpooledUpload } from '#src/domain/media/upload-spool.ts';
import { Invalid } from '#src/lib/errors.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema } from '#src/web/route-params.ts';

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
  /** The uploaded file's name (a label for the newsroom). */
  originalName: z.string(),
  /** When it was added to the library (ISO UTC). */
  createdAt: z.string(),
  variants: z.array(
    z.object({ width: z.number().int(), height: z.number().int(), format: z.enum(['webp', 'jpeg', 'png']), url: z.string() }),
  ),
});

/** An upload's answer: 201 with the new image, or 200 with the same image already in the library and the text sent (not stored). */
const uploadAnswerSchema = mediaViewSchema.extend({
  /** True when the same file was already in the library: nothing was added and its text is unchanged. */
  alreadyInLibrary: z.boolean(),
  /** With alreadyInLibrary: the caption, credit and alt text sent with the upload, to use or to set on the library item. */
  submitted: z.object({ caption: z.string(), credit: z.string(), altText: z.string() }).optional(),
});

const mediaWithUsageSchema = mediaViewSchema.extend({
  /** The most recently updated articles using it that the caller may read (at most 50), as lead image or in the body. */
  usage: z.array(z.object({ articleId: z.number().int(), title: z.string(), status: z.string() })),
  /** How many articles the caller may read use it in all. */
  usageTotal: z.number().int(),
});

// The text fields and the multipart framing around the file: ten fields of 4 KB at most, plus headers.
const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;
/** Largest upload request accepted (bytes): a declared Content-Length above it is refused unread. */
const MAX_UPLOAD_REQUEST_BYTES = MAX_IMAGE_BYTES + MULTIPART_ALLOWANCE_BYTES;

/** Refuses an upload whose declared length is over the limit before a byte of it is read (413). */
async function refuseOversizedUpload(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (!(declared > MAX_UPLOAD_REQUEST_BYTES)) return;
  // Closing the connection spares the server reading (and the client sending) the rest of the body.
  await reply
    .code(413)
    .header('connection', 'close')
    .send({ error: 'payload_too_large', field: 'file', message: tooLargeMessage(), requestId: request.id });
}

type Upload = { file: SpooledUpload; originalName: string } & MediaText;

/**
 * Reads the multipart form: one `file` part, streamed to a temporary file (see spoolUpload), and
 * the optional text fields, whatever their order. The caller removes the file.
 */
async function readUpload(request: FastifyRequest, tmpDir: string): Promise<Upload> {
  if (!request.isMultipart()) throw new Invalid('file', 'Send the image as multipart/form-data in a field named "file".');
  const upload: Partial<Upload> = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload.file) {
          part.file.resume();
          throw new Invalid('file', 'Send exactly one image, in the field named "file".');
        }
        upload.file = await spoolUpload(part.file, tmpDir, () => part.file.truncated);
        upload.originalName = part.filename ?? '';
      } else if (part.fieldname === 'caption' || part.fieldname === 'credit' || part.fieldname === 'altText') {
        upload[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    await upload.file?.remove();
    throw error;
  }
  if (!upload.file) throw new Invalid('file', 'Choose an image to upload.');
  return upload as Upload;
}

/** The media library API under /api/admin/media: upload, list and search, details with usage, edit text. */
export async function registerMediaApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const tmpDir = uploadSpoolDir(context.config.dataDir);
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
          summary: 'Upload an image (multipart: file, caption?, credit?, altText?); the same file again answers 200 with the library item, alreadyInLibrary and the text sent',
          response: { 201: uploadAnswerSchema, 200: uploadAnswerSchema },
        },
        onRequest: refuseOversizedUpload,
      },
      async (request, reply) => {
        const actor = signedInActor(request);
        const { file, ...upload } = await readUpload(request, tmpDir);
        // Removed before answering, so the client never sees a reply while the spooled copy remains.
        const outcome = await uploadImage(context, actor, { ...upload, path: file.path, byteSize: file.byteSize }).finally(file.remove);
        const { media, ...rest } = outcome;
        return reply.code(outcome.alreadyInLibrary ? 200 : 201).send({ ...media, ...rest });
      },
    );

    api.get(
      '/api/admin/media',
      {
        schema: {
          tags: ['media'],
          summary: 'List and search the media library, newest first',
          querystring: mediaListQuerySchema,
          response: { 200: z.object({ items: z.array(mediaViewSchema), total: z.number().int() }) },
        },
      },
      async (request) => listMedia(context, signedInActor(request), request.query),
    );

    api.get(
      '/api/admin/media/:id',
      {
        schema: {
          tags: ['media'],
          summary: 'One image with the articles that use it (those the caller may read)',
          params: idParamsSchema,
          response: { 200: mediaWithUsageSchema },
        },
      },
      async (request) => getMediaWithUsage(context, signedInActor(request), request.params.id),
    );

    api.patch(
      '/api/admin/media/:id',
      {
        schema: {
          tags: ['media'],
          summary: "Edit an image's library caption, credit and alt text (its uploader, or an editor)",
          params: idParamsSchema,
          body: mediaTextSchema,
          response: { 200: mediaViewSchema },
        },
      },
      async (request) => updateMediaDetails(context, signedInActor(request), request.params.id, request.body),
    );
  });
}
