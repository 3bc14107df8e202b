import { translatorFor } from '#src/i18n/translator.ts';
import { canonicalLanguageCode } from '#src/i18n/languages.ts';
import { renderToString } from 'preact-render-to-string';
import type { z } from 'zod';
import { figureMediaIds } from '#src/domain/articles/article-body.ts';
import type { NamedRef } from '#src/domain/articles/published-article-repository.ts';
import type { PublishedArticle, SiteChromeData } from '#src/domain/articles/published-articles.ts';
import { articlePath, authorPath, sectionPath, tagPath } from '#src/domain/articles/public-paths.ts';
import type { ContentArticleSummary, ContentAuthor } from '#src/domain/content-api/content-read-model.ts';
import type { MediaView } from '#src/domain/media/media-repository.ts';
import { reusePolicyNotice } from '#src/domain/settings/settings-repository.ts';
import { ArticleBodyContent } from '#src/render/body-html.tsx';
import type { articleSchema, articleSummarySchema, authorListSchema, imageSchema, refSchema, sectionListSchema, siteSettingsSchema } from './content-schemas.ts';

/**
 * Domain records → Content API answers: named fields only, never a spread row, and every URL
 * absolute (a front end on another origin must be able to use them as they are).
 */
export function createContentPresenter(site: { readonly baseUrl: string }) {
  // Read at each call: the public origin is known once the server listens (tests learn their port then).
  const absolute = (path: string) => (path.startsWith('/') ? `${site.baseUrl}${path}` : path);

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

  /** The same image with its URLs made absolute, for rendering HTML another origin will show. */
  function withAbsoluteUrls(media: MediaView): MediaView {
    return { ...media, url: absolute(media.url), variants: media.variants.map((v) => ({ ...v, url: absolute(v.url) })) };
  }

  const ref = (path: (slug: string) => string) => (named: NamedRef): z.infer<typeof refSchema> => ({ id: named.id, name: named.name, slug: named.slug, url: absolute(path(named.slug)) });
  const sectionRef = ref(sectionPath);
  const tagRef = ref(tagPath);
  const authorRef = ref(authorPath);

  return {
    /** An article of a list. */
    summary(item: ContentArticleSummary): z.infer<typeof articleSummarySchema> {
      const path = articlePath({ sectionSlug: item.section.slug, slug: item.slug });
      return {
        id: item.id,
        url: absolute(path),
        path,
        slug: item.slug,
        title: item.title,
        standfirst: item.standfirst,
        section: sectionRef(item.section),
        authors: item.authors.map(authorRef),
        tags: item.tags.map(tagRef),
        leadImage: item.leadImage ? image(item.leadImage, { caption: item.leadCaption, credit: item.leadCredit }) : null,
        publishedAt: item.publishedAt,
        updatedAt: item.updatedAt,
        readingMinutes: item.readingMinutes,
      };
    },

    /** One article in full, its body both as the document and as the site's HTML. */
    article({ article, media }: PublishedArticle): z.infer<typeof articleSchema> {
      const path = articlePath({ sectionSlug: article.section.slug, slug: article.slug });
      const lead = article.leadMediaId !== null ? media.get(article.leadMediaId) : undefined;
      const absoluteMedia = new Map([...media].map(([key, view]) => [key, withAbsoluteUrls(view)]));
      const figures = [...new Set(figureMediaIds(article.body))].flatMap((mediaId) => {
        const view = media.get(mediaId);
        return view ? [image(view)] : [];
      });
      return {
        id: article.id,
        url: absolute(path),
        path,
        slug: article.slug,
        title: article.title,
        standfirst: article.standfirst,
        section: sectionRef(article.section),
        authors: article.authors.map(authorRef),
        tags: article.tags.map(tagRef),
        leadImage: lead ? image(lead, { caption: article.leadCaption, credit: article.leadCredit }) : null,
        publishedAt: article.publishedAt!,
        updatedAt: article.updatedAt,
        readingMinutes: article.readingMinutes,
        body: article.body,
        html: renderToString(<ArticleBodyContent body={article.body} media={absoluteMedia} siteOrigin={new URL(site.baseUrl).origin} translator={translatorFor(canonicalLanguageCode(article.language) ?? 'en')} />),
        sourceAttribution: article.sourceAttribution,
        location: article.location,
        corrections: article.corrections,
        images: figures,
      };
    },

    /** Every section, in menu order. */
    sections(chrome: SiteChromeData): z.infer<typeof sectionListSchema> {
      return {
        items: chrome.sections.map((section) => ({
          id: section.id,
          parentId: section.parentId,
          name: section.name,
          slug: section.slug,
          description: section.description,
          position: section.position,
          url: absolute(sectionPath(section.slug)),
        })),
      };
    },

    /** A tag. */
    tag: tagRef,

    /** An author profile. */
    author(author: ContentAuthor): z.infer<typeof authorListSchema>['items'][number] {
      return { ...authorRef(author), bio: author.bio, photo: author.photo ? image(author.photo) : null };
    },

    /** The settings a front end shows. */
    settings({ settings, logo }: SiteChromeData): z.infer<typeof siteSettingsSchema> {
      return {
        name: settings.name,
        tagline: settings.tagline,
        url: site.baseUrl,
        logo: logo ? image(logo) : null,
        timeZone: settings.timeZone,
        socialLinks: Object.fromEntries(Object.entries(settings.socialLinks).map(([network, link]) => [network, absolute(link!)])),
        reuseSharePercent: settings.reuseSharePercent,
        reuseNotice: reusePolicyNotice(settings),
        feedUrl: absolute('/feed.xml'),
      };
    },
  };
}

/** The Content API presenter for one site origin. */
export type ContentPresenter = ReturnType<typeof createContentPresenter>;
