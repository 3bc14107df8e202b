import { translatorFor } from '#src/i18n/translator.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { renderToString } from 'preact-render-to-string';
import type { z } from 'zod';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import type { NamedRef } from '#src/domain/articles/published-article-repository.ts';
import type { SiteChromeData, TranslationRef } from '#src/domain/articles/published-articles.ts';
import { articlePath, authorPath, languagePrefix, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import type { ContentArticle, ContentArticleSummary, ContentAuthor, KeysetPage } from '#src/domain/content-api/content-read-model.ts';
import type { ListedArticle } from '#src/domain/content-api/content-repository.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { searchAndSocialOf } from '#src/domain/articles/search-and-social.ts';
import { reusePolicyNotice } from '#src/domain/settings/settings-repository.ts';
import { withAbsoluteUrls } from '#src/render/absolute-media.ts';
import { ArticleBodyContent } from '#src/render/body-html.tsx';
import type { PublishedStaticPage } from '#src/domain/articles/published-articles.ts';
import type { PageRecord } from '#src/domain/pages/page-repository.ts';
import type {
  articleSchema,
  articleSummarySchema,
  authorListSchema,
  imageSchema,
  pageListSchema,
  pageSchema,
  pageSummarySchema,
  refSchema,
  sectionListSchema,
  siteSettingsSchema,
  tagListSchema,
} from './content-schemas.ts';

/**
 * Domain records → Content API answers: named fields only, never a spread row, and every URL
 * absolute (a front end on another origin must be able to use them as they are). Every page URL is
 * the one readers use: under its language's prefix (none for `defaultLanguage`), with the slugs of
 * that language, as the site builds them (public-paths.ts).
 */
export function createContentPresenter(site: { readonly baseUrl: string }, defaultLanguage: string) {
  // Read at each call: the public origin is known once the server listens (tests learn their port then).
  const absolute = (path: string) => (path.startsWith('/') ? `${site.baseUrl}${path}` : path);
  /** A page's path in `language`: its prefix, then the path of the page (slugs already in that language). */
  const inLanguage = (language: string, path: string) => `${languagePrefix(language, defaultLanguage)}${path}`;
  // What every summary's stamp starts with (summaryStamp): written once, not per listed row.
  const stampPrefix = JSON.stringify([site.baseUrl, defaultLanguage]);

  /** The image with absolute URLs; `caption`/`credit` override the library's when not empty (a lead image's per-use text). */
  function image(media: MediaView, overrides: { caption?: string; credit?: string } = {}): z.infer<typeof imageSchema> {
    return {
      id: media.id,
      url: absolute(media.url),
      width: media.width,
      height: media.height,
      alt: media.altText,
      caption: overrides.caption || media.caption,
      credit: overrides.credit || media.credit,
      variants: media.variants.map((v) => ({ url: absolute(v.url), width: v.width, height: v.height, format: v.format })),
    };
  }

  /** A section, tag or author named in `language`, linked to its page in that language. */
  const ref = (path: (slug: string) => string) => (language: string) => (named: NamedRef): z.infer<typeof refSchema> => ({
    id: named.id,
    name: named.name,
    slug: named.slug,
    url: absolute(inLanguage(language, path(named.slug))),
  });
  const sectionRef = ref(sectionPath);
  const tagRef = ref(tagPath);
  const authorRef = ref(authorPath);

  /** Another language's published version of an article, where readers find it. */
  const translation = (t: TranslationRef): z.infer<typeof articleSchema>['translations'][number] => ({
    id: t.id,
    language: t.language,
    title: t.title,
    url: absolute(inLanguage(t.language, articlePath({ sectionSlug: t.sectionSlug, slug: t.slug }))),
  });

  /** The images a body places, by id, with absolute URLs. */
  function bodyImages(body: ContentArticle['article']['body'], media: Map<number, MediaView>): Array<z.infer<typeof imageSchema>> {
    return [...new Set(figureMediaIds(body))].flatMap((mediaId) => {
      const view = media.get(mediaId);
      return view ? [image(view)] : [];
    });
  }

  /** A body as the site renders it, image URLs absolute, in `language`'s words (figure labels). */
  function bodyHtml(body: ContentArticle['article']['body'], media: Map<number, MediaView>, language: string): string {
    return renderToString(
      <ArticleBodyContent body={body} media={withAbsoluteUrls(media, site.baseUrl)} siteOrigin={new URL(site.baseUrl).origin} translator={translatorFor(canonicalLanguageCode(language) ?? 'en')} />,
    );
  }

  /** A static page of a list. */
  function pageSummary(page: PageRecord): z.infer<typeof pageSummarySchema> {
    const path = inLanguage(page.language, `/${page.path}`);
    return {
      id: page.id,
      language: page.language,
      parentId: page.parentId,
      url: absolute(path),
      path,
      slug: page.slug,
      title: page.title,
      menu: page.menu,
      menuOrder: page.menuOrder,
      publishedAt: page.publishedAt!,
      updatedAt: page.updatedAt,
    };
  }

  return {
    pageSummary,

    /** A language's published static pages. */
    pages(list: { language: string; items: PageRecord[] }): z.infer<typeof pageListSchema> {
      return { language: list.language, items: list.items.map(pageSummary) };
    },

    /** One static page in full: its body as the document and as the site's HTML. */
    page({ page, media }: PublishedStaticPage): z.infer<typeof pageSchema> {
      return { ...pageSummary(page), body: page.body, html: bodyHtml(page.body, media, page.language), images: bodyImages(page.body, media) };
    },

    /**
     * What `summary` makes of a row depends on beyond the memos' names and images: the row itself
     * (its version stands for its links), the public origin and the default language (ADR 0063).
     */
    summaryStamp(row: ListedArticle): string {
      return `${stampPrefix}${row.stamp}`;
    },

    /** An article of a list. */
    summary(item: ContentArticleSummary): z.infer<typeof articleSummarySchema> {
      const path = inLanguage(item.language, articlePath({ sectionSlug: item.section.slug, slug: item.slug }));
      return {
        id: item.id,
        language: item.language,
        translationOfId: item.translationOfId,
        url: absolute(path),
        path,
        slug: item.slug,
        title: item.title,
        standfirst: item.standfirst,
        section: sectionRef(item.language)(item.section),
        authors: item.authors.map(authorRef(item.language)),
        tags: item.tags.map(tagRef(item.language)),
        leadImage: item.leadImage ? image(item.leadImage, { caption: item.leadCaption, credit: item.leadCredit }) : null,
        publishedAt: item.publishedAt,
        updatedAt: item.updatedAt,
        readingMinutes: item.readingMinutes,
      };
    },

    /** One article in full, its body both as the document and as the site's HTML, and its published translations. */
    article({ article, media, translations }: ContentArticle): z.infer<typeof articleSchema> {
      const path = inLanguage(article.language, articlePath({ sectionSlug: article.section.slug, slug: article.slug }));
      const lead = article.leadMediaId !== null ? media.get(article.leadMediaId) : undefined;
      const leadImage = lead ? image(lead, { caption: article.leadCaption, credit: article.leadCredit }) : null;
      const socialMedia = article.socialMediaId !== null ? media.get(article.socialMediaId) : undefined;
      const texts = searchAndSocialOf(article);
      return {
        id: article.id,
        language: article.language,
        translationOfId: article.translationOfId,
        url: absolute(path),
        path,
        slug: article.slug,
        title: article.title,
        standfirst: article.standfirst,
        section: sectionRef(article.language)(article.section),
        authors: article.authors.map(authorRef(article.language)),
        tags: article.tags.map(tagRef(article.language)),
        leadImage,
        publishedAt: article.publishedAt!,
        updatedAt: article.updatedAt,
        readingMinutes: article.readingMinutes,
        body: article.body,
        html: bodyHtml(article.body, media, article.language),
        sourceAttribution: article.sourceAttribution,
        location: article.location,
        corrections: article.corrections,
        images: bodyImages(article.body, media),
        translations: translations.map(translation),
        search: { title: texts.searchTitle, description: texts.searchDescription },
        social: { title: texts.socialTitle, description: texts.socialDescription, image: socialMedia ? image(socialMedia) : leadImage },
      };
    },

    /** Every section in menu order, named in `chrome.language` and linked to its page in it. */
    sections(chrome: SiteChromeData & { language: string }): z.infer<typeof sectionListSchema> {
      return {
        language: chrome.language,
        items: chrome.sections.map((section) => ({
          id: section.id,
          parentId: section.parentId,
          name: section.name,
          slug: section.slug,
          description: section.description,
          position: section.position,
          url: absolute(inLanguage(chrome.language, sectionPath(section.slug))),
        })),
      };
    },

    /** A page of tags, named in its language. */
    tags(page: KeysetPage<NamedRef> & { language: string }): z.infer<typeof tagListSchema> {
      return { language: page.language, items: page.items.map(tagRef(page.language)), nextCursor: page.nextCursor };
    },

    /** A page of author profiles, named (and their bios) in its language. */
    authors(page: KeysetPage<ContentAuthor> & { language: string }): z.infer<typeof authorListSchema> {
      const authorIn = authorRef(page.language);
      return {
        language: page.language,
        items: page.items.map((author) => ({ ...authorIn(author), bio: author.bio, photo: author.photo ? image(author.photo) : null })),
        nextCursor: page.nextCursor,
      };
    },

    /** The settings a front end shows, in `chrome.language`. */
    settings({ settings, logo, language }: SiteChromeData & { language: string }): z.infer<typeof siteSettingsSchema> {
      return {
        language,
        name: settings.name,
        tagline: settings.tagline,
        url: site.baseUrl,
        logo: logo ? image(logo) : null,
        timeZone: settings.timeZone,
        socialLinks: Object.fromEntries(Object.entries(settings.socialLinks).map(([network, link]) => [network, absolute(link!)])),
        reuseSharePercent: settings.reuseSharePercent,
        reuseNotice: reusePolicyNotice(settings),
        feedUrl: absolute(inLanguage(language, '/feed.xml')),
      };
    },
  };
}

/** The Content API presenter for one site origin. */
export type ContentPresenter = ReturnType<typeof createContentPresenter>;

/**
 * The presenter for the site's default language as it is now: made again only when that setting
 * changes, not on every request (a list page's answer costs less without building it each time).
 */
export function currentContentPresenter(site: { readonly baseUrl: string }, defaultLanguage: () => Promise<string>): () => Promise<ContentPresenter> {
  let made: { defaultLanguage: string; presenter: ContentPresenter } | undefined;
  return async () => {
    const language = await defaultLanguage();
    if (made?.defaultLanguage !== language) made = { defaultLanguage: language, presenter: createContentPresenter(site, language) };
    return made.presenter;
  };
}
