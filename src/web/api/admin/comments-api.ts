import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { REVIEW_ACTIONS } from '#src/db/schema.ts';
import { commentInputSchema } from '#src/domain/comments/comment-schema.ts';
import { createCommentService } from '#src/domain/comments/comment-service.ts';
import { signedInActor } from '#src/web/middleware/require-role.ts';
import { idParamsSchema, idSchema } from '#src/web/route-params.ts';

const person = z.object({ id: z.number().int(), name: z.string() });

/** One review comment. */
export const commentSchema = z.object({
  id: z.number().int(),
  articleId: z.number().int(),
  /** The thread's opening comment, for a reply; null for an opening comment. */
  parentId: z.number().int().nullable(),
  /** Who wrote it; null once that user is deleted. */
  author: person.nullable(),
  /** Plain text as typed, mentions included; empty once deleted. Never HTML: escape it when showing it. */
  body: z.string(),
  /** The colleagues it mentions, resolved when it was written; `text` is what named them in `body`. */
  mentions: z.array(z.object({ userId: z.number().int(), name: z.string(), text: z.string() })),
  createdAt: z.string(),
  /** When its author last changed the text; null if never. */
  editedAt: z.string().nullable(),
  /** When it was withdrawn; null while it stands. */
  deletedAt: z.string().nullable(),
});

/** A thread: its opening comment, its replies, and whether it is resolved. */
const threadSchema = commentSchema.extend({
  replies: z.array(commentSchema),
  /** When and by whom the thread was marked resolved (a reply opens it again); null while open. */
  resolution: z.object({ at: z.string(), by: person.nullable() }).nullable(),
});

/** An article's discussion: comment threads (one level of replies), oldest first, and its review steps. */
const discussionSchema = z.object({
  threads: z.array(threadSchema),
  reviewSteps: z.array(z.object({ id: z.number().int(), action: z.enum(REVIEW_ACTIONS), note: z.string(), createdAt: z.string(), createdBy: person.nullable() })),
});

const commentParamsSchema = idParamsSchema.extend({ commentId: idSchema });

/** Review comments under /api/admin/articles/:id/comments: whoever may read the article may read and write them (comment-policy.ts). */
export async function registerCommentsApi(app: FastifyInstance, context: AppContext): Promise<void> {
  const comments = createCommentService(context);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['articles'];
  const path = '/api/admin/articles/:id/comments';

  api.get(path, { schema: { tags, summary: 'Review comments and review steps of an article', params: idParamsSchema, response: { 200: discussionSchema } } }, async (request) => {
    return comments.discussion(signedInActor(request), request.params.id);
  });

  api.post(
    path,
    { schema: { tags, summary: 'Start a comment thread (@handle or @Full Name mentions a colleague)', params: idParamsSchema, body: commentInputSchema, response: { 201: commentSchema } } },
    async (request, reply) => {
      return reply.code(201).send(await comments.add(signedInActor(request), request.params.id, request.body));
    },
  );

  api.post(
    `${path}/:commentId/replies`,
    { schema: { tags, summary: 'Reply in a comment thread', params: commentParamsSchema, body: commentInputSchema, response: { 201: commentSchema } } },
    async (request, reply) => {
      return reply.code(201).send(await comments.add(signedInActor(request), request.params.id, request.body, request.params.commentId));
    },
  );

  for (const [step, resolved, summary] of [
    ['resolve', true, 'Mark the thread of a comment resolved (anyone who may comment; a reply opens it again)'],
    ['reopen', false, 'Open a resolved thread again'],
  ] as const) {
    api.post(`${path}/:commentId/${step}`, { schema: { tags, summary, params: commentParamsSchema, response: { 200: threadSchema } } }, async (request) => {
      return comments.resolve(signedInActor(request), request.params.id, request.params.commentId, resolved);
    });
  }

  api.patch(
    `${path}/:commentId`,
    { schema: { tags, summary: 'Change the text of your own comment (marked edited; new mentions are told)', params: commentParamsSchema, body: commentInputSchema, response: { 200: commentSchema } } },
    async (request) => {
      return comments.edit(signedInActor(request), request.params.id, request.params.commentId, request.body);
    },
  );

  api.delete(
    `${path}/:commentId`,
    { schema: { tags, summary: 'Withdraw a comment (its author or an editor); its place in the thread stays', params: commentParamsSchema, response: { 200: commentSchema } } },
    async (request) => {
      return comments.remove(signedInActor(request), request.params.id, request.params.commentId);
    },
  );
}
