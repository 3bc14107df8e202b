import { z } from 'zod';
import { PAGE_MENUS, PAGE_STATUSES } from '#src/db/schema.ts';
import { rowNumberField } from '#src/lib/id-input.ts';
import { textField } from '#src/lib/text-input.ts';
import { SLUG_PATTERN } from '#src/lib/slug.ts';
import { LANGUAGE_CODE_PATTERN } from '#src/domain/settings/language-codes.ts';
import { articleBodySchema } from '#src/domain/articles/article-body.ts';
import { PAGE_LIMITS } from './page-fields.ts';

const id = rowNumberField();

/** The editable fields of a page, each optional: what a save may change. */
export const pageFieldsInputSchema = z.object({
  /** The page's heading and document title; required and non-blank when given. */
  title: textField().trim().min(1, 'A title is required.').max(PAGE_LIMITS.title),
  /** The last segment of the page's address (/about, /about/team); made from the title when absent on create. */
  slug: z
    .string()
    .trim()
    .max(PAGE_LIMITS.slug)
    .regex(SLUG_PATTERN, 'A slug may contain only lower-case letters a-z, digits and single hyphens.'),
  /** The root page this one sits under (its address becomes /parent/slug), or null for a page at the site root. */
  parentId: id.nullable(),
  /** TipTap/ProseMirror document: the same blocks as an article body (domain/articles/article-body.ts). */
  body: articleBodySchema,
  /** BCP 47 code of the page's language, one of the site's; default on create: the site's default. */
  language: z.string().max(20).regex(LANGUAGE_CODE_PATTERN, 'A language is a code such as kk, ru or en.'),
  /** Where every public page of its language links to it: 'header', 'footer' or 'none'. */
  menu: z.enum(PAGE_MENUS),
  /** Position in its menu, lowest first. */
  menuOrder: z.number().int().min(-PAGE_LIMITS.menuOrder).max(PAGE_LIMITS.menuOrder),
});

/** Fields a save may send: any subset of the editable fields. */
export const pagePatchSchema = pageFieldsInputSchema.partial();
export type PagePatch = z.infer<typeof pagePatchSchema>;

/**
 * POST /pages: a title, the rest optional. `status` 'published' publishes at once (an importer
 * brings live pages), keeping `publishedAt` when given (the original's first publication).
 */
export const createPageInputSchema = pagePatchSchema.extend({
  title: pageFieldsInputSchema.shape.title,
  /** 'draft' (default) or 'published'. */
  status: z.enum(PAGE_STATUSES).exclude(['trashed']).optional(),
  /** When the page was first published (ISO-8601 instant with a zone), for imported pages; default: now on publication. */
  publishedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time with a zone, e.g. 2026-05-01T06:00:00Z' }).optional(),
});
export type CreatePageInput = z.infer<typeof createPageInputSchema>;

/** PUT /pages/:id: the version the edit started from, and the changed fields. */
export const updatePageInputSchema = pagePatchSchema.extend({
  /** The version the edit started from: a save against an older one is refused (409). */
  version: rowNumberField(),
});
export type UpdatePageInput = z.infer<typeof updatePageInputSchema>;
