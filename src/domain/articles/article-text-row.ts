import type { ArticlesTable } from '#src/db/schema.ts';
import { articleDocumentSchema, type ArticleBody } from './article-body.ts';
import type { ArticleFields } from './article-fields.ts';

/** The article fields a reader sees on the page, stored as plain columns (slug, title, body, lead image, source). */
export type ArticleText = Pick<
  ArticleFields,
  'slug' | 'title' | 'standfirst' | 'body' | 'leadMediaId' | 'leadCaption' | 'leadCredit' | 'sourceAttribution'
>;

/** The columns ArticleText is read from. */
type ArticleTextColumns = Pick<
  ArticlesTable,
  'slug' | 'title' | 'standfirst' | 'body' | 'lead_media_id' | 'lead_caption' | 'lead_credit' | 'source_attribution'
>;

/** Reads ArticleText from an articles row, the body parsed and checked against the document shape. */
export function articleTextFromRow(row: ArticleTextColumns): ArticleText {
  return {
    slug: row.slug,
    title: row.title,
    standfirst: row.standfirst,
    body: articleDocumentSchema.parse(JSON.parse(row.body)) as ArticleBody,
    leadMediaId: row.lead_media_id,
    leadCaption: row.lead_caption,
    leadCredit: row.lead_credit,
    sourceAttribution: row.source_attribution,
  };
}
