import type { ArticleFields } from './article-fields.ts';

type Sources = Pick<ArticleFields, 'title' | 'standfirst' | 'seoTitle' | 'metaDescription' | 'socialTitle' | 'socialDescription'>;

/** What search engines and link previews show of an article, in words (the card's image is the social image, else the lead image). */
export type SearchAndSocial = {
  /** The `<title>` and search result title: the SEO title, else the headline. */
  searchTitle: string;
  /** The meta description: the article's own, else its standfirst, else its title; at most 300 characters. */
  searchDescription: string;
  /** The card's title: the social title, else the search title. */
  socialTitle: string;
  /** The card's text: the social description, else the search description. */
  socialDescription: string;
};

const DESCRIPTION_MAX = 300;

/** Whitespace folded, cut at a word boundary with an ellipsis when longer than `max`. */
export function truncateText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/**
 * The newsroom's own search and social texts where it wrote them, else the fallbacks. One rule for
 * the site's page head and the Content API, so a headless front end shows what the site shows.
 */
export function searchAndSocialOf(article: Sources): SearchAndSocial {
  const searchTitle = article.seoTitle || article.title;
  const searchDescription = truncateText(article.metaDescription || article.standfirst || article.title, DESCRIPTION_MAX);
  return {
    searchTitle,
    searchDescription,
    socialTitle: article.socialTitle || searchTitle,
    socialDescription: article.socialDescription || searchDescription,
  };
}
