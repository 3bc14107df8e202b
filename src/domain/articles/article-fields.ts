import { MAX_SLUG_LENGTH } from '#src/lib/slug.ts';
import type { ArticleBody } from './article-body.ts';

/**
 * Limits on article text fields, in characters: the schema checks them, the editor's inputs
 * stop typing at them (this file is free of zod, so the editor can import it).
 */
export const ARTICLE_LIMITS = {
  title: 300,
  standfirst: 1000,
  slug: MAX_SLUG_LENGTH,
  caption: 1000,
  credit: 300,
  sourceAttribution: 500,
  relations: 50,
  reviewNote: 2000,
  correction: 5000,
  seoTitle: 200,
  metaDescription: 500,
  socialTitle: 200,
  socialDescription: 500,
} as const;

/**
 * Lengths beyond which search results and social cards usually cut the text (characters): the
 * editor counts against them and warns, the server accepts up to ARTICLE_LIMITS.
 */
export const SEARCH_AND_SOCIAL_ADVICE = {
  seoTitle: 60,
  metaDescription: 160,
  socialTitle: 70,
  socialDescription: 200,
} as const;

/**
 * The editable fields of an article, listed once: the service copies them, the admin API answers
 * them, and the newsroom editor keeps and sends them. Free of zod, so the editor's bundle can use it;
 * article-schema.ts checks at compile time that its input schema has exactly these keys.
 */
export const ARTICLE_FIELD_NAMES = [
  'sectionId',
  'slug',
  'title',
  'standfirst',
  'body',
  'leadMediaId',
  'leadCaption',
  'leadCredit',
  'locationId',
  'sourceAttribution',
  'tagIds',
  'authorIds',
  'language',
  'translationOfId',
  'seoTitle',
  'metaDescription',
  'socialTitle',
  'socialDescription',
  'socialMediaId',
] as const;

/** One of the editable fields' names. */
export type ArticleFieldName = (typeof ARTICLE_FIELD_NAMES)[number];

/** The editable fields of an article, as the service writes them. */
export type ArticleFields = {
  sectionId: number;
  slug: string;
  title: string;
  standfirst: string;
  body: ArticleBody;
  leadMediaId: number | null;
  leadCaption: string;
  leadCredit: string;
  locationId: number | null;
  sourceAttribution: string;
  tagIds: number[];
  authorIds: number[];
  /** BCP 47 code of the language the article is written in (one of the site's languages). */
  language: string;
  /** The original this article translates (never itself a translation), or null for an original. */
  translationOfId: number | null;
  /** The page's <title> in search results; empty: the title. */
  seoTitle: string;
  /** The search result's snippet (meta description); empty: the standfirst. */
  metaDescription: string;
  /** The title of a shared link's card (Open Graph, X); empty: the SEO title, else the title. */
  socialTitle: string;
  /** The text of a shared link's card; empty: the meta description, else the standfirst. */
  socialDescription: string;
  /** The image of a shared link's card (a library image); null: the lead image. */
  socialMediaId: number | null;
};

/** Search and social fields left to their fallbacks (title, standfirst, lead image): a new article's. */
export const NO_SEARCH_AND_SOCIAL = {
  seoTitle: '',
  metaDescription: '',
  socialTitle: '',
  socialDescription: '',
  socialMediaId: null,
} as const satisfies Pick<ArticleFields, 'seoTitle' | 'metaDescription' | 'socialTitle' | 'socialDescription' | 'socialMediaId'>;

/** Just the editable fields of something that has them all (a record, an API answer, a draft). */
export function pickArticleFields<T extends Record<ArticleFieldName, unknown>>(source: T): Pick<T, ArticleFieldName> {
  return Object.fromEntries(ARTICLE_FIELD_NAMES.map((name) => [name, source[name]])) as Pick<T, ArticleFieldName>;
}
