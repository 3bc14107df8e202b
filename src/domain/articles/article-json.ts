import type { ArticleStatus } from '#src/db/schema.ts';
import type { ArticleBody } from './article-body.ts';
import type { Correction } from './article-corrections.ts';
import type { ArticleRecord } from './article-repository.ts';

/** An article as the admin API answers it (the contract in notes/contracts.md). */
export type ArticleJson = {
  id: number;
  version: number;
  status: ArticleStatus;
  title: string;
  standfirst: string;
  slug: string;
  sectionId: number;
  body: ArticleBody;
  leadMediaId: number | null;
  leadCaption: string;
  leadCredit: string;
  locationId: number | null;
  sourceAttribution: string;
  tagIds: number[];
  authorIds: number[];
  publishedAt: string | null;
  scheduledAt: string | null;
  wordCount: number;
  readingMinutes: number;
  createdAt: string;
  updatedAt: string;
  /** Public URL path: /section-slug/article-slug. */
  path: string;
  corrections: Correction[];
};

/** A row of a newsroom list. */
export type ArticleSummary = {
  id: number;
  version: number;
  status: ArticleStatus;
  title: string;
  slug: string;
  sectionId: number;
  sectionName: string;
  path: string;
  wordCount: number;
  publishedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string;
  createdBy: { id: number; name: string } | null;
};

/** The public path of an article (kept equal to A's articlePath: /section/slug). */
export function publicPath(sectionSlug: string, slug: string): string {
  return `/${sectionSlug}/${slug}`;
}

/** Presents an article for the admin API: named fields only, never a spread row. */
export function toArticleJson(article: ArticleRecord, sectionSlug: string, corrections: Correction[]): ArticleJson {
  return {
    id: article.id,
    version: article.version,
    status: article.status,
    title: article.title,
    standfirst: article.standfirst,
    slug: article.slug,
    sectionId: article.sectionId,
    body: article.body,
    leadMediaId: article.leadMediaId,
    leadCaption: article.leadCaption,
    leadCredit: article.leadCredit,
    locationId: article.locationId,
    sourceAttribution: article.sourceAttribution,
    tagIds: article.tagIds,
    authorIds: article.authorIds,
    publishedAt: article.publishedAt,
    scheduledAt: article.scheduledAt,
    wordCount: article.wordCount,
    readingMinutes: article.readingMinutes,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    path: publicPath(sectionSlug, article.slug),
    corrections,
  };
}
