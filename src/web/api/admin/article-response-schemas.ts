import { z } from 'zod';
import { articleDocumentSchema } from '#src/domain/articles/article-body.ts';

/** Response shapes of the article API: they document /api/openapi.json and keep answers to named fields. */

const status = z.enum(['draft', 'review', 'scheduled', 'published', 'trashed']);
const instant = z.string();
const person = z.object({ id: z.number().int(), name: z.string() });

/** A correction or update notice. */
export const correctionSchema = z.object({ id: z.number().int(), kind: z.enum(['correction', 'update']), text: z.string(), createdAt: instant });

/** An article as the admin API answers it (ArticleJson). */
export const articleJsonSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status,
  title: z.string(),
  standfirst: z.string(),
  slug: z.string(),
  sectionId: z.number().int(),
  body: articleDocumentSchema,
  leadMediaId: z.number().int().nullable(),
  leadCaption: z.string(),
  leadCredit: z.string(),
  locationId: z.number().int().nullable(),
  sourceAttribution: z.string(),
  tagIds: z.array(z.number().int()),
  authorIds: z.array(z.number().int()),
  publishedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  wordCount: z.number().int(),
  readingMinutes: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
  /** Public URL path: /section-slug/article-slug. */
  path: z.string(),
  corrections: z.array(correctionSchema),
});

/** A row of a newsroom list; review-queue rows add the latest review step. */
export const articleSummarySchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  status,
  title: z.string(),
  slug: z.string(),
  sectionId: z.number().int(),
  sectionName: z.string(),
  path: z.string(),
  wordCount: z.number().int(),
  publishedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  updatedAt: instant,
  createdBy: person.nullable(),
  review: z
    .object({ id: z.number().int(), action: z.enum(['submitted', 'approved', 'returned']), note: z.string(), createdAt: instant, createdBy: person.nullable() })
    .optional(),
});

/** A page of a list. */
export const articleListSchema = z.object({ items: z.array(articleSummarySchema), total: z.number().int() });

/** The revisions of an article, newest first. */
export const revisionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      version: z.number().int(),
      kind: z.enum(['create', 'save', 'autosave', 'publish', 'restore', 'conflict']),
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
