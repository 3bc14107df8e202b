import { z } from 'zod';
import { REVIEW_ACTIONS, REVISION_KINDS } from '#src/db/schema.ts';
import { articleJsonSchema, articleSummarySchema } from '#src/domain/articles/article-json.ts';
import { correctionSchema } from '#src/domain/articles/article-corrections.ts';

/** Response shapes of the article API: they document /api/openapi.json and keep answers to named fields. */

export { articleJsonSchema, correctionSchema };

const instant = z.string();
const person = z.object({ id: z.number().int(), name: z.string() });

/** A row of a newsroom list; review-queue rows add the latest review step. */
export const articleSummaryWithReviewSchema = articleSummarySchema.extend({
  review: z.object({ id: z.number().int(), action: z.enum(REVIEW_ACTIONS), note: z.string(), createdAt: instant, createdBy: person.nullable() }).optional(),
});

/** A page of a list. */
export const articleListSchema = z.object({
  items: z.array(articleSummaryWithReviewSchema),
  total: z.number().int().describe('articles the list has; with isTotalCapped, a lower bound (counting stops past it)'),
  isTotalCapped: z.boolean().describe('true: more than `total` articles match (the count stops at 1,000; later pages still answer)'),
});

/** The revisions of an article, newest first. */
export const revisionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      version: z.number().int(),
      kind: z.enum(REVISION_KINDS),
      createdAt: instant,
      createdBy: person.nullable(),
    }),
  ),
});

/** Word diffs of the fields that differ between two revisions. */
export const revisionDiffSchema = z.object({
  fields: z.array(
    z.object({
      field: z.string(),
      changes: z.array(z.object({ value: z.string(), added: z.literal(true).optional(), removed: z.literal(true).optional() })),
    }),
  ),
});

/** Who else has the article open. */
export const presenceSchema = z.object({ editors: z.array(person) });

/** A refused save: what is stored now, and the refused text (kept as a 'conflict' revision). */
export const saveConflictSchema = z.object({
  error: z.literal('conflict'),
  message: z.string(),
  current: articleJsonSchema,
  yours: z.looseObject({ revisionId: z.number().int() }).optional(),
  requestId: z.string(),
});
