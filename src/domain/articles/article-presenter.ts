import type { ArticleBody } from './article-body.ts';
import type { ArticlePageRecord, ArticleCardRecord } from './published-article-repository.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { DEFAULT_SETTINGS, reusePolicyNotice, type SiteSettings } from '#src/domain/settings/settings-repository.ts';
import { articlePath, authorPath, sectionPath, tagPath } from './public-paths.ts';
import { searchAndSocialOf, truncateText } from './search-and-social.ts';
import { siteUrl } from '#src/lib/site-url.ts';
import { placeLabel, toZonedIso } from '#src/lib/dateline.ts';
import type { Translator } from '#src/i18n/translator.ts';

/** The language a page is presented in: its words, and the prefix of its paths ('' for the default language, '/ru'…). */
export type PresentationLanguage = { translator: Translator; pathPrefix: string };

/** A link as a page shows it. */
export type LinkModel = { name: string; path: string };

/** A date shown to readers: the text in the article's zone and the zoned ISO for <time datetime>. */
export type DateModel = { text: string; iso: string };

/** Everything the article view draws, already formatted: no decisions left to the template. */
export type ArticlePageModel = {
  id: number;
  path: string;
  canonicalUrl: string;
  title: string;
  standfirst: string;
  section: LinkModel;
  /** "Astana, Kazakhstan" or null when the article has no location. */
  place: string | null;
  /** "08 February, 2023 | 10:28" in the article's zone and the page's language. */
  date: DateModel;
  /** When it last changed after publication (a save, a correction or an update notice); null when it has not. */
  updated: DateModel | null;
  /** "1 min read", "5 минут чтения". */
  readingTime: string;
  lead: { media: MediaView; caption: string; credit: string; alt: string } | null;
  body: ArticleBody;
  media: Map<number, MediaView>;
  authors: LinkModel[];
  tags: LinkModel[];
  corrections: Array<{ kind: 'correction' | 'update'; label: string; text: string; date: DateModel }>;
  sourceAttribution: string;
  reuseNotice: string;
  /** The document title in search results (<title>, before the site's name): the SEO title, else the title. */
  documentTitle: string;
  /** The meta description: the article's own, else its standfirst, else its title. */
  description: string;
  /** A shared link's card (Open Graph, X): each field the article's own, else the search one, else the article's. */
  social: { title: string; description: string; imageUrl: string | null; imageAlt: string };
  publishedIso: string;
  modifiedIso: string;
  /** JSON-LD documents (NewsArticle and BreadcrumbList). */
  jsonLd: object[];
};

/** The largest rendition of an image that browsers and crawlers all read (JPEG/PNG variant or the original). */
function shareImageUrl(media: MediaView): string {
  const fallbacks = media.variants.filter((v) => v.format !== 'webp');
  return fallbacks.at(-1)?.url ?? media.url;
}

function latest(instants: string[]): string {
  return instants.reduce((a, b) => (b > a ? b : a));
}

/**
 * The republication notice in the page's language: the catalogue's wording while the settings hold
 * the default text, the editors' own text once they have written one.
 */
function reuseNoticeIn(settings: SiteSettings, translator: Translator): string {
  if (settings.reusePolicyText !== DEFAULT_SETTINGS.reusePolicyText) return reusePolicyNotice(settings);
  return translator.t('article.reuseNotice', { share: settings.reuseSharePercent, site: settings.name });
}

/** Builds the article page model: dateline in the location's (or site's) zone, images, JSON-LD, words in the page's language. */
export function presentArticlePage(input: {
  article: ArticlePageRecord;
  media: Map<number, MediaView>;
  settings: SiteSettings;
  /** The site logo from settings, if one is set and loaded. */
  logo: MediaView | null;
  baseUrl: string;
  /** Shown for drafts in preview, which have no publication time yet. */
  now: string;
  lang: PresentationLanguage;
}): ArticlePageModel {
  const { article, media, settings, baseUrl } = input;
  const { translator, pathPrefix } = input.lang;
  const timeZone = article.location?.timeZone ?? settings.timeZone;
  const published = article.publishedAt ?? input.now;
  // A save counts as a change once it came after the article went live here: an article imported (or
  // seeded) already published, with an old date, was not modified on the day it arrived.
  const savedSince = isUpdateAfterPublication(latest([published, article.createdAt]), article.updatedAt);
  const modified = latest([published, ...(savedSince ? [article.updatedAt] : []), ...article.corrections.map((c) => c.createdAt)]);
  const path = pathPrefix + articlePath({ sectionSlug: article.section.slug, slug: article.slug });
  const sectionLink = { name: article.section.name, path: pathPrefix + sectionPath(article.section.slug) };
  const homeUrl = siteUrl(baseUrl, `${pathPrefix}/`);
  const canonicalUrl = siteUrl(baseUrl, path);
  const leadMedia = article.leadMediaId !== null ? media.get(article.leadMediaId) : undefined;
  const lead = leadMedia
    ? {
        media: leadMedia,
        caption: article.leadCaption || leadMedia.caption,
        credit: article.leadCredit || leadMedia.credit,
        alt: leadMedia.altText || article.leadCaption || leadMedia.caption || article.title,
      }
    : null;
  const imageUrl = leadMedia ? siteUrl(baseUrl, shareImageUrl(leadMedia)) : null;
  const socialMedia = article.socialMediaId !== null ? media.get(article.socialMediaId) : undefined;
  const socialImageUrl = socialMedia ? siteUrl(baseUrl, shareImageUrl(socialMedia)) : null;
  const logo = input.logo;
  const logoUrl = siteUrl(baseUrl, logo ? shareImageUrl(logo) : '/assets/logo.png');
  const authors = article.authors.map((a) => ({ name: a.name, path: pathPrefix + authorPath(a.slug) }));
  const texts = searchAndSocialOf(article);
  const description = texts.searchDescription;
  const documentTitle = texts.searchTitle;
  const social = {
    title: texts.socialTitle,
    description: texts.socialDescription,
    imageUrl: socialImageUrl ?? imageUrl,
    imageAlt: (socialMedia ?? leadMedia)?.altText ?? '',
  };
  const zoned = (instant: string): DateModel => ({ text: translator.dateline(instant, timeZone), iso: toZonedIso(instant, timeZone) });
  const publishedIso = toZonedIso(published, timeZone);
  const modifiedIso = toZonedIso(modified, timeZone);
  const publisher = { '@type': 'NewsMediaOrganization', name: settings.name, url: homeUrl, logo: { '@type': 'ImageObject', url: logoUrl } };
  const newsArticle: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: truncateText(article.title, 110),
    ...(article.seoTitle && article.seoTitle !== article.title ? { alternativeHeadline: article.seoTitle } : {}),
    description,
    // Google wants an image for every NewsArticle; without a lead (or card) image the site's logo stands in.
    image: imageUrl || socialImageUrl ? [...new Set([imageUrl, socialImageUrl].filter((url): url is string => url !== null))] : [logoUrl],
    datePublished: publishedIso,
    dateModified: modifiedIso,
    author:
      authors.length > 0
        ? authors.map((a) => ({ '@type': 'Person', name: a.name, url: siteUrl(baseUrl, a.path) }))
        : [{ '@type': 'Organization', name: settings.name, url: homeUrl }],
    publisher,
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonicalUrl },
    articleSection: article.section.name,
    inLanguage: translator.language.code,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
  };
  const corrections = article.corrections.filter((c) => c.kind === 'correction');
  if (corrections.length > 0) {
    newsArticle.correction = corrections.map((c) => ({
      '@type': 'CorrectionComment',
      text: c.text,
      datePublished: toZonedIso(c.createdAt, timeZone),
    }));
  }
  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { '@type': 'ListItem', position: 1, name: translator.t('breadcrumbs.home'), item: homeUrl },
      { '@type': 'ListItem', position: 2, name: sectionLink.name, item: siteUrl(baseUrl, sectionLink.path) },
      { '@type': 'ListItem', position: 3, name: article.title, item: canonicalUrl },
    ],
  };
  return {
    id: article.id,
    path,
    canonicalUrl,
    title: article.title,
    standfirst: article.standfirst,
    section: sectionLink,
    place: article.location ? placeLabel(article.location) : null,
    date: zoned(published),
    // A correction or update notice is always a change after publication.
    updated: article.corrections.length > 0 || savedSince ? zoned(modified) : null,
    readingTime: translator.readingTime(article.readingMinutes),
    lead,
    body: article.body,
    media,
    authors,
    tags: article.tags.map((t) => ({ name: t.name, path: pathPrefix + tagPath(t.slug) })),
    corrections: article.corrections.map((c) => ({
      kind: c.kind,
      label: translator.t(c.kind === 'correction' ? 'article.correction' : 'article.update'),
      text: c.text,
      date: zoned(c.createdAt),
    })),
    sourceAttribution: article.sourceAttribution,
    reuseNotice: reuseNoticeIn(settings, translator),
    documentTitle,
    description,
    social,
    publishedIso,
    modifiedIso,
    jsonLd: [newsArticle, breadcrumbs],
  };
}

/** Changes within this long of publication are publication itself (publishing writes published_at and updated_at a moment apart). */
const PUBLICATION_MOMENT_MS = 60_000;

/**
 * Whether the article changed after it was published here (saved, corrected, updated): the page
 * then says "Updated …". `live` is the later of its publication and its arrival in this system, so
 * an article imported (or seeded) already published, with an old date, is not "updated" by arriving.
 */
function isUpdateAfterPublication(live: string, modified: string): boolean {
  return Date.parse(modified) - Date.parse(live) >= PUBLICATION_MOMENT_MS;
}

/** An article in a list, formatted. */
export type ArticleCardModel = {
  id: number;
  path: string;
  title: string;
  standfirst: string;
  section: LinkModel;
  date: { text: string; iso: string };
  image: { media: MediaView; alt: string } | null;
};

/** Formats list items: short date in each article's zone and the page's language, lead image if loaded. */
export function presentArticleCards(cards: ArticleCardRecord[], media: Map<number, MediaView>, settings: SiteSettings, lang: PresentationLanguage): ArticleCardModel[] {
  const { translator, pathPrefix } = lang;
  return cards.map((card) => {
    const timeZone = card.timeZone ?? settings.timeZone;
    const image = card.leadMediaId !== null ? media.get(card.leadMediaId) : undefined;
    return {
      id: card.id,
      path: pathPrefix + articlePath({ sectionSlug: card.section.slug, slug: card.slug }),
      title: card.title,
      standfirst: card.standfirst,
      section: { name: card.section.name, path: pathPrefix + sectionPath(card.section.slug) },
      date: { text: translator.shortDate(card.publishedAt, timeZone), iso: toZonedIso(card.publishedAt, timeZone) },
      // Decorative next to the linked title, which already names the story.
      image: image ? { media: image, alt: '' } : null,
    };
  });
}
