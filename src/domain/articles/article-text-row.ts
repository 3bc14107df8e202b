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
  };
}
