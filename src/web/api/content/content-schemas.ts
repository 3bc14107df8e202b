import { z } from 'zod';
import { articleDocumentSchema } from '#src/domain/articles/article-body.ts';
import { cursorProblem, type ContentSort } from '#src/domain/content-api/content-read-model.ts';
import { SOCIAL_NETWORKS } from '#src/domain/settings/social-networks.ts';
import { textField } from '#src/lib/text-input.ts';

/**
 * Request and response shapes of the Content API (read-only JSON under /api/content). The same
 * schemas validate each request, check each answer and write /api/openapi.json.
 */

const id = z.number().int();
/** An ISO-8601 UTC instant. */
const instant = z.string().describe('ISO-8601 instant, UTC');
/** An absolute URL on this site. */
const url = z.string().describe('absolute URL');

// ---- requests

/** A slug as URLs carry it (a section, tag or author). */
const slugParam = textField().trim().min(1).max(200);

/** A cursor as a client sends it back; its content is checked with the list it continues. */
const cursorParam = z.string().max(500).optional().describe('nextCursor of the previous page; absent for the first page');

/** A language the site publishes in (BCP 47: en, kk, ru); one it does not is a 422 naming `language`. */
const languageParam = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?$/, 'must be a language code such as en, kk or ru');

/** How many items a page holds. */
function limitParam(fallback: number, max: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback).describe(`items a page, 1 to ${max}`);
}

/** Adds a 400 naming `cursor` when the cursor cannot continue this list. */
function checkCursor(cursor: string | undefined, list: ContentSort | 'tags' | 'authors', ctx: z.RefinementCtx): void {
  const problem = cursor === undefined ? null : cursorProblem(cursor, list);
  if (problem) ctx.addIssue({ code: 'custom', path: ['cursor'], message: problem });
}

/** GET /api/content/articles: filters (all must hold), order and page. */
export const articlesQuerySchema = z
  .object({
    /** A section's slug: its articles and its subsections'. */
    section: slugParam.optional(),
    /** A tag's slug. */
    tag: slugParam.optional(),
    /** An author's slug. */
    author: slugParam.optional(),
    /** Only articles in this language (a BCP 47 code of the site's: en, kk, ru); section, tag and author slugs are read in it. Default: every language, slugs in the default one. */
    language: languageParam.optional(),
    /** Only articles changed at or after this instant. */
    updatedSince: z.iso.datetime({ offset: true }).optional(),
    /** Newest first by first publication (default), or by last change (for syncing). */
    sort: z.enum(['published', 'updated']).default('published'),
    limit: limitParam(20, 100),
    cursor: cursorParam,
  })
  .superRefine((query, ctx) => checkCursor(query.cursor, query.sort, ctx));

/** GET /api/content/articles/by-path. */
export const articlePathQuerySchema = z.object({
  /** The article's public path, as in its URL: /section-slug/article-slug. */
  path: textField().max(1000).regex(/^\//, 'Give the path as it appears after the site address, starting with "/".'),
});

/** GET /api/content/pages/by-path. */
export const pagePathQuerySchema = z.object({
  /** The page's public path, as in its URL: /about, /about/team, /ru/about. */
  path: textField().max(1000).regex(/^\//, 'Give the path as it appears after the site address, starting with "/".'),
});

/** The language names, slugs and URLs are answered in: the site's default unless asked. */
const answerLanguage = languageParam.optional().describe("names, slugs and URLs in this language (one of the site's); default: the site's default language");

/** GET /api/content/pages: one language's pages, or only those of one menu. */
export const pagesQuerySchema = z.object({
  language: answerLanguage,
  /** Only the pages placed in this menu ('header' or 'footer'), in menu order. */
  menu: z.enum(['header', 'footer']).optional(),
});

/** GET /api/content/sections and /settings. */
export const languageQuerySchema = z.object({ language: answerLanguage });

/** GET /api/content/tags and /authors. */
export function idListQuerySchema(list: 'tags' | 'authors') {
  return z
    .object({ language: answerLanguage, limit: limitParam(100, 500), cursor: cursorParam })
    .superRefine((query, ctx) => checkCursor(query.cursor, list, ctx));
}

// ---- responses

/** A BCP 47 language code. */
const language = z.string().describe('BCP 47 language code');

/** A section, tag or author as an article names it: in the article's (or the list's) language, its URL that language's page. */
export const refSchema = z.object({ id, name: z.string(), slug: z.string(), url });

/** An image with its sizes: the original and the variants made of it (WebP and JPEG/PNG). */
export const imageSchema = z.object({
  id,
  url,
  width: id,
  height: id,
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  variants: z.array(z.object({ url, width: id, height: id, format: z.enum(['webp', 'jpeg', 'png']) })),
});

/** An article as a list shows it. */
export const articleSummarySchema = z.object({
  id,
  /** The language it is written in. */
  language,
  /** The original this article translates (null: it is an original). */
  translationOfId: id.nullable(),
  /** Where readers find it. */
  url,
  /** Its public path (/section-slug/article-slug, under /ru/… and the like outside the default language), also accepted by /api/content/articles/by-path. */
  path: z.string(),
  slug: z.string(),
  title: z.string(),
  standfirst: z.string(),
  section: refSchema,
  authors: z.array(refSchema),
  tags: z.array(refSchema),
  leadImage: imageSchema.nullable(),
  publishedAt: instant,
  updatedAt: instant,
  readingMinutes: id,
});

/** One article in full: the summary, the structured body and the same body rendered as HTML. */
export const articleSchema = articleSummarySchema.extend({
  /** The body document (ProseMirror JSON of the node and mark types the site renders). */
  body: articleDocumentSchema,
  /** The body as the site renders it (image URLs absolute), ready to place in a page. */
  html: z.string(),
  sourceAttribution: z.string(),
  location: z.object({ city: z.string(), country: z.string(), timeZone: z.string() }).nullable(),
  corrections: z.array(z.object({ id, kind: z.enum(['correction', 'update']), text: z.string(), createdAt: instant })),
  /** The images the body places, by id. */
  images: z.array(imageSchema),
  /** Its published versions in the site's other languages (the original and its other translations), by language. */
  translations: z.array(z.object({ id, language, title: z.string(), url })),
  /** What search engines see, as the site's page head gives it: the newsroom's own texts, else the title and standfirst. */
  search: z.object({ title: z.string(), description: z.string() }),
  /** The link-preview card, as the site's Open Graph tags give it: its own texts, else the search ones; its image, else the lead image. */
  social: z.object({ title: z.string(), description: z.string(), image: imageSchema.nullable() }),
});

/** A page of articles. */
export const articleListSchema = z.object({ items: z.array(articleSummarySchema), nextCursor: z.string().nullable() });

/** Every section, in menu order, in one language. */
export const sectionListSchema = z.object({
  language,
  items: z.array(z.object({ id, parentId: id.nullable(), name: z.string(), slug: z.string(), description: z.string(), position: id, url })),
});

/** A page of tags, in one language. */
export const tagListSchema = z.object({ language, items: z.array(refSchema), nextCursor: z.string().nullable() });

/** A page of author profiles, in one language. */
export const authorListSchema = z.object({ language, items: z.array(refSchema.extend({ bio: z.string(), photo: imageSchema.nullable() })), nextCursor: z.string().nullable() });

/** What a front end needs of the site settings, in one language. */
export const siteSettingsSchema = z.object({
  /** The language the texts below are in. */
  language,
  name: z.string(),
  tagline: z.string(),
  /** The site's public origin. */
  url,
  logo: imageSchema.nullable(),
  timeZone: z.string(),
  socialLinks: z.partialRecord(z.enum(SOCIAL_NETWORKS), url),
  /** Share of an article others may reuse, in percent. */
  reuseSharePercent: id,
  /** The republication notice, placeholders filled in. */
  reuseNotice: z.string(),
  /** The site-wide feed of this language. */
  feedUrl: url,
});

/** A static page as a list shows it. */
export const pageSummarySchema = z.object({
  id,
  language,
  /** The page it sits under, or null for a page at the site root. */
  parentId: id.nullable(),
  url,
  /** The public path (under the language's prefix): /about, /about/team, /ru/about. */
  path: z.string(),
  slug: z.string(),
  title: z.string(),
  /** Where every page of the site links to it: 'header', 'footer' or 'none'. */
  menu: z.enum(['none', 'header', 'footer']),
  /** Its position in that menu, lowest first. */
  menuOrder: id,
  publishedAt: instant,
  updatedAt: instant,
});

/** The published static pages of one language. */
export const pageListSchema = z.object({ language, items: z.array(pageSummarySchema) });

/** One static page in full: the summary, the structured body and the same body rendered as HTML. */
export const pageSchema = pageSummarySchema.extend({
  /** The body document (the article body's node and mark types). */
  body: articleDocumentSchema,
  /** The body as the site renders it (image URLs absolute). */
  html: z.string(),
  /** The images the body places, by id. */
  images: z.array(imageSchema),
});

/** A refusal (4xx) or failure: what went wrong, in a sentence. */
export const contentErrorSchema = z.object({ error: z.string(), message: z.string(), field: z.string().optional(), requestId: z.string() });
