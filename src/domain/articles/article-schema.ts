import { z } from 'zod';
import { rowNumberField } from '#src/lib/id-input.ts';
import { CORRECTION_KINDS } from '#src/db/schema.ts';
import { multilineTextField, textField } from '#src/lib/text-input.ts';
import { SLUG_PATTERN } from '#src/lib/slug.ts';
import { LANGUAGE_CODE_PATTERN } from '#src/domain/settings/language-codes.ts';
import { articleBodySchema } from './article-body.ts';
import { ARTICLE_LIMITS, type ArticleFieldName } from './article-fields.ts';

const id = rowNumberField();

/** The editable fields of an article, each optional: what a save may change. */
export const articleFieldsInputSchema = z.object({
  /** Headline; required and non-blank when given. */
  title: textField().trim().min(1, 'A title is required.').max(ARTICLE_LIMITS.title),
  /** The line under the headline. */
  standfirst: textField().trim().max(ARTICLE_LIMITS.standfirst),
  /** URL segment; made from the title when absent on create. */
  slug: z
    .string()
    .trim()
    .max(ARTICLE_LIMITS.slug)
    .regex(SLUG_PATTERN, 'A slug may contain only lower-case letters a-z, digits and single hyphens.'),
  /** Section the article lives in (its first path segment). */
  sectionId: id,
  /** TipTap/ProseMirror document (see article-body.ts). */
  body: articleBodySchema,
  /** Lead image from the media library, or null for none. */
  leadMediaId: id.nullable(),
  /** This use's caption of the lead image; empty: the library's. */
  leadCaption: textField().trim().max(ARTICLE_LIMITS.caption),
  /** This use's credit of the lead image; empty: the library's. */
  leadCredit: textField().trim().max(ARTICLE_LIMITS.credit),
  /** Where the story was filed (its dateline and time zone), or null. */
  locationId: id.nullable(),
  /** "Originally published by …" for republished material. */
  sourceAttribution: textField().trim().max(ARTICLE_LIMITS.sourceAttribution),
  /** Tags in display order. */
  tagIds: z.array(id).max(ARTICLE_LIMITS.relations),
  /** Credited authors (author profiles, not users) in byline order. */
  authorIds: z.array(id).max(ARTICLE_LIMITS.relations),
  /** BCP 47 code of the article's language, one of the site's (e.g. kk, ru, en); default on create: the site's default. */
  language: z.string().max(20).regex(LANGUAGE_CODE_PATTERN, 'A language is a code such as kk, ru or en.'),
  /** The article this one translates (its original; a translation's id means its original), or null. */
  translationOfId: id.nullable(),
  /** The page's title in search results (<title>); empty: the title. */
  seoTitle: textField().trim().max(ARTICLE_LIMITS.seoTitle),
  /** The snippet under it (meta description); empty: the standfirst. */
  metaDescription: textField().trim().max(ARTICLE_LIMITS.metaDescription),
  /** The title of a shared link's card (og:title); empty: the SEO title, else the title. */
  socialTitle: textField().trim().max(ARTICLE_LIMITS.socialTitle),
  /** The text of a shared link's card (og:description); empty: the meta description, else the standfirst. */
  socialDescription: textField().trim().max(ARTICLE_LIMITS.socialDescription),
  /** The card's image from the media library (og:image), or null for the lead image. */
  socialMediaId: id.nullable(),
});

// The schema's keys are exactly the one field list (article-fields.ts): a field added to one and not the other fails to compile.
type SameKeys<A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : never;
const schemaHasEveryField: SameKeys<keyof typeof articleFieldsInputSchema.shape, ArticleFieldName> = true;
void schemaHasEveryField;

/** Fields a save may send: any subset of the editable fields. */
export const articlePatchSchema = articleFieldsInputSchema.partial();
export type ArticlePatch = z.infer<typeof articlePatchSchema>;

/** POST /articles: a title, the rest optional (section defaults to the first one). */
export const createArticleInputSchema = articlePatchSchema.extend({ title: articleFieldsInputSchema.shape.title });
export type CreateArticleInput = z.infer<typeof createArticleInputSchema>;

/** The version the client last saw: writes against an older one are refused (409). */
export const versionSchema = rowNumberField();

/** PUT /articles/:id: the version the edit started from, and whether this is an autosave. */
export const updateArticleInputSchema = articlePatchSchema.extend({
  /** The version the edit started from. */
  version: versionSchema,
  /** True for the editor's periodic save: such revisions by one user coalesce. */
  autosave: z.boolean().optional(),
});
export type UpdateArticleInput = z.infer<typeof updateArticleInputSchema>;

/** Body of a workflow action (publish, unpublish, trash, …). */
export const versionInputSchema = z.object({ version: versionSchema });

/** POST /schedule: when to publish, an ISO instant in the future. */
export const scheduleInputSchema = z.object({
  version: versionSchema,
  /** ISO-8601 instant with a zone (e.g. 2026-05-01T06:00:00Z). */
  scheduledAt: z.iso.datetime({ offset: true, message: 'must be an ISO date-time with a zone, e.g. 2026-05-01T06:00:00Z' }),
});

/** POST /return: the note telling the writer what to change. */
export const returnInputSchema = z.object({
  version: versionSchema,
  /** What the writer should change; shown to them. */
  note: multilineTextField().trim().min(1, 'A note is required.').max(ARTICLE_LIMITS.reviewNote),
});

/** POST /articles/:id/translations: the language of the new linked draft. */
export const translateInputSchema = z.object({
  /** BCP 47 code of the translation's language, one of the site's. */
  language: articleFieldsInputSchema.shape.language,
});

/** POST /corrections: an appended correction or update notice. */
export const correctionInputSchema = z.object({
  /** 'correction' fixes an error; 'update' adds news. */
  kind: z.enum(CORRECTION_KINDS),
  /** The notice shown under the article. */
  text: multilineTextField().trim().min(1, 'The text is required.').max(ARTICLE_LIMITS.correction),
});
export type CorrectionInput = z.infer<typeof correctionInputSchema>;
