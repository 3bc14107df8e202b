import { z } from 'zod';
import { ARTICLE_STATUSES } from '#src/db/schema.ts';
import { articleDocumentSchema } from './article-body.ts';
import { correctionSchema, type Correction } from './article-corrections.ts';
import { pickArticleFields } from './article-fields.ts';
import type { ArticleRecord } from './article-repository.ts';
import { articlePath } from './public-paths.ts';

const id = z.number().int();
const instant = z.string();

/** An article as the admin API answers it; the type below is inferred from it, never written twice. */
export const articleJsonSchema = z.object({
  id,
  version: id,
  status: z.enum(ARTICLE_STATUSES),
  title: z.string(),
  standfirst: z.string(),
  slug: z.string(),
  sectionId: id,
  body: articleDocumentSchema,
  leadMediaId: id.nullable(),
  leadCaption: z.string(),
  leadCredit: z.string(),
  locationId: id.nullable(),
  sourceAttribution: z.string(),
  tagIds: z.array(id),
  authorIds: z.array(id),
  publishedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  wordCount: id,
  readingMinutes: id,
  createdAt: instant,
  updatedAt: instant,
  /** Public URL path: /section-slug/article-slug. */
  path: z.string(),
  corrections: z.array(correctionSchema),
});
export type ArticleJson = z.infer<typeof articleJsonSchema>;

/** A row of a newsroom list. */
export const articleSummarySchema = z.object({
  id,
  version: id,
  status: z.enum(ARTICLE_STATUSES),
  title: z.string(),
  slug: z.string(),
  sectionId: id,
  sectionName: z.string(),
  /** Public URL path: /section-slug/article-slug. */
  path: z.string(),
  wordCount: id,
  publishedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  updatedAt: instant,
  createdBy: z.object({ id, name: z.string() }).nullable(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

/** Presents an article for the admin API: named fields only, never a spread row. */
export function toArticleJson(article: ArticleRecord, sectionSlug: string, corrections: Correction[]): ArticleJson {
  return {
    id: article.id,
    version: article.version,
    status: article.status,
    ...pickArticleFields(article),
    publishedAt: article.publishedAt,
    scheduledAt: article.scheduledAt,
    wordCount: article.wordCount,
    readingMinutes: article.readingMinutes,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    path: articlePath({ sectionSlug, slug: article.slug }),
    corrections,
  };
}
