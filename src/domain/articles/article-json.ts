import { z } from 'zod';
import { ARTICLE_STATUSES } from '#src/db/schema.ts';
import { articleDocumentSchema } from './article-body.ts';
import { correctionSchema, type Correction } from './article-corrections.ts';
import { pickArticleFields } from './article-fields.ts';
import type { ArticleRecord, TranslationMember } from './article-repository.ts';

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
  /** BCP 47 code of the article's language. */
  language: z.string(),
  /** The original this article translates, or null for an original. */
  translationOfId: id.nullable(),
  /** The page's title in search results; empty: the title. */
  seoTitle: z.string(),
  /** The search result's snippet; empty: the standfirst. */
  metaDescription: z.string(),
  /** A shared link's card title; empty: the SEO title, else the title. */
  socialTitle: z.string(),
  /** A shared link's card text; empty: the meta description, else the standfirst. */
  socialDescription: z.string(),
  /** A shared link's card image (library id); null: the lead image. */
  socialMediaId: id.nullable(),
  /** The other articles of its translation group (the original and its translations, not trashed), by id. */
  translations: z.array(z.object({ id, language: z.string(), status: z.enum(ARTICLE_STATUSES), title: z.string() })),
  publishedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  wordCount: id,
  readingMinutes: id,
  createdAt: instant,
  updatedAt: instant,
  /** Public URL path: /section-slug/article-slug, under /ru/, /kk/ … with that language's section slug for a language other than the default. */
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
  /** BCP 47 code of the article's language. */
  language: z.string(),
  /** The original this article translates, or null for an original. */
  translationOfId: id.nullable(),
  /** The languages its translation group has besides this article's (not trashed). */
  translationLanguages: z.array(z.string()),
  /** Public URL path: /section-slug/article-slug, language-prefixed outside the default language. */
  path: z.string(),
  wordCount: id,
  publishedAt: instant.nullable(),
  scheduledAt: instant.nullable(),
  updatedAt: instant,
  createdBy: z.object({ id, name: z.string() }).nullable(),
  /** The bylined authors' ids, in byline order (with createdBy, what makes an article someone's own). */
  authorIds: z.array(id),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

/** Presents an article for the admin API: named fields only, never a spread row. `path` is its public path (article-public-path.ts). */
export function toArticleJson(article: ArticleRecord, path: string, corrections: Correction[], translations: TranslationMember[]): ArticleJson {
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
    translations: translations.map((t) => ({ id: t.id, language: t.language, status: t.status, title: t.title })),
    path,
    corrections,
  };
}
