import { z } from 'zod';
import { multilineTextField } from '#src/lib/text-input.ts';

/** Sizes a review comment may not pass. */
export const COMMENT_LIMITS = {
  /** Characters of one comment's text (after cleaning and trimming). */
  body: 5000,
  /** Distinct colleagues one comment may mention: more is a broadcast, not a review. */
  mentions: 20,
} as const;

/** POST /articles/:id/comments and …/comments/:commentId/replies: the comment's text. */
export const commentInputSchema = z.object({
  /** Plain text; `@handle` or `@Full Name` mentions a colleague (ADR 0037). Never HTML. */
  body: multilineTextField()
    .trim()
    .min(1, 'Write the comment first.')
    .max(COMMENT_LIMITS.body, `A comment may be at most ${COMMENT_LIMITS.body} characters long.`),
});

/** A comment as written. */
export type CommentInput = z.infer<typeof commentInputSchema>;
