import type { ArticlesTable } from '#src/db/schema.ts';
import { articleDocumentSchema, type ArticleBody } from './article-body.ts';
import type { ArticleFields } from './article-fields.ts';

/** The article fields a reader (or a search engine, or a shared link's card) sees, stored as plain columns. */
export type ArticleText = Pick<
  ArticleFields,
  | 'slug'
  | 'title'
  | 'standfirst'
  | 'body'
  | 'leadMediaId'
  | 'leadCaption'
  | 'leadCredit'
  | 'sourceAttribution'
  | 'seoTitle'
  | 'metaDescription'
  | 'socialTitle'
  | 'socialDescription'
  | 'socialMediaId'
>;

/** The columns ArticleText is read from (the list a query selects). */
export const ARTICLE_TEXT_COLUMNS = [
  'slug',
  'title',
  'standfirst',
  'body',
  'lead_media_id',
  'lead_caption',
  'lead_credit',
  'source_attribution',
  'seo_title',
  'meta_description',
  'social_title',
  'social_description',
  'social_media_id',
] as const;

type ArticleTextColumns = { [K in (typeof ARTICLE_TEXT_COLUMNS)[number]]: ArticlesTable[K] extends import('kysely').Generated<infer T> ? T : ArticlesTable[K] };

/** A stored body read back through the document schema (ADR 0003): the newsroom's reads, which feed the next write. */
export function checkedBody(json: string): ArticleBody {
  return articleDocumentSchema.parse(JSON.parse(json)) as ArticleBody;
}

/**
 * A stored body read as it is, for the public read path: every body was checked on its way in, and
 * checking it again on each uncached page view cost ~95 µs per 2,400-word body (~7% of a render).
 */
export function storedBody(json: string): ArticleBody {
  return JSON.parse(json) as ArticleBody;
}

/** Reads ArticleText from an articles row, the body through `readBody` (checked unless the caller says otherwise). */
export function articleTextFromRow(row: ArticleTextColumns, readBody: (json: string) => ArticleBody = checkedBody): ArticleText {
  return {
    slug: row.slug,
    title: row.title,
    standfirst: row.standfirst,
    body: readBody(row.body),
    leadMediaId: row.lead_media_id,
    leadCaption: row.lead_caption,
    leadCredit: row.lead_credit,
    sourceAttribution: row.source_attribution,
    seoTitle: row.seo_title,
    metaDescription: row.meta_description,
    socialTitle: row.social_title,
    socialDescription: row.social_description,
    socialMediaId: row.social_media_id,
  };
}
